# Wording the reference portal builds itself (src/portal/texts.rs).
# Numbers are passed already formatted, so they print exactly as given.

## Dates: 2026年12月15日

portal-date = { $year }年{ $month }月{ $day }日

## Reminders on the start screen

portal-pension-check-overdue = 您的养老金资格认证已经在{ $date }到期了，今天就可以在这里办，几分钟就好。
portal-pension-check-due = 您的养老金资格认证要在{ $date }前办，今天就可以在这里办，几分钟就好。
portal-supplement-needed = 您办的“{ $matter }”（办件编号{ $case-no }）还要补交材料。{ $note }
portal-supplement-ask-window = 请到窗口问一下还差什么材料。
portal-newly-eligible-allowance = 您今年{ $age }岁了，可以申领高龄津贴，每个月发到您的卡上。现在就可以申请。

## Case outcomes and timeline notes

portal-verification-passed = 认证通过了，养老金照常发放。下次认证请在{ $date }前办理。
portal-verification-timeline-note = 自助终端认证通过
portal-submitted-timeline-note = 自助终端提交

## Record print (参保缴费证明)

portal-record-title = 社会保险参保缴费证明
portal-record-summary-none = { $start }年到{ $end }年没有查到缴费记录。
portal-record-summary = { $start }年到{ $end }年，一共查到{ $rows }条缴费记录。
portal-record-column-year = 年度
portal-record-column-type = 险种
portal-record-column-months = 缴费月数
portal-record-column-base = 缴费基数（元）
portal-record-column-employer = 参保单位
portal-record-line = { $year }年  { $insurance }  缴费{ $months }个月  基数{ $base }元  { $employer }
portal-record-range-line = 险种：{ $insurance }    年度：{ $start }年至{ $end }年

## Pension payments (养老金发放)

portal-payments-title = 养老金发放记录
portal-payments-summary = 最近{ $months }个月发了{ $count }次养老金，一共{ $total }元。最近一次是{ $month }，{ $amount }元。
portal-payments-summary-said = 最近{ $months }个月发了{ $count }次养老金，一共{ $total }。最近一次是{ $month }，{ $amount }。
portal-payments-summary-none = 最近{ $months }个月没有查到养老金发放记录。
portal-payments-column-month = 月份
portal-payments-column-amount = 金额（元）
portal-payments-column-bank = 发放银行
portal-payment-line = { $month }  { $amount }元  { $bank }（尾号{ $last4 }）
portal-bank-cell = { $bank }（尾号{ $last4 }）

## Lines every printed document starts with

portal-document-name = 姓名：{ $name }
portal-document-id-number = 公民身份号码：{ $id }
portal-document-printed-on = 打印日期：{ $date }
portal-document-verification = 验证码：{ $code }（可在政务服务网核验本证明真伪）
