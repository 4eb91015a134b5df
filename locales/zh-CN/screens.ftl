# 各个屏幕上的文字。措辞：用“您”“请”，句子短而完整，不用术语。

welcome-title = 您好，欢迎使用自助服务
welcome-prompt = 请点一下您要办的事。
welcome-loading = 正在准备可以办理的事项，请稍等。
text-size-large = 文字：大
text-size-larger = 文字：更大
text-size-largest = 文字：特大
# Colours and voice (a screen of its own, from the welcome screen).
settings-title = 颜色和声音
settings-hint = 每个按钮点一下，就换下一种。换好了，请点“好了”。
settings-done = 好了

loading-title = 请稍等
# $name：费用名称；$amount：金额（元）。
intro-fee = { $name }：{ $amount } 元。
intro-fee-said = { $name }：{ $amount }。
intro-free = 这件事不收费。
intro-materials = 您需要准备的材料：
# $minutes：在机器上办理大约需要的分钟数。
intro-minutes = 在这台机器上办理，大约需要 { $minutes } 分钟。
intro-start = 开始办理
material-shared = 无需提供，系统自动获取
# $days：可以补交的天数。
material-later = 可以以后补交（{ $days } 天内）
material-commitment = 可以用个人承诺代替
material-required = 需要带上
material-optional = 有就带上，没有也可以
identify-title = 请您刷身份证
identify-again = 为了保护您的信息，请您再刷一次身份证。您填写的内容都还在，不用重填。
identify-to-submit = 表格填好了。提交前，请您刷一下身份证，或者输入身份证号码。您填写的内容都还在。
identify-card = 请把身份证放在下方的读卡区上。
# $n：演示卡的序号。
identify-simulate = 模拟刷卡 { $n }
identify-or-type = 也可以在右边的数字键上输入身份证号码：
identify-placeholder = 还没有输入
# $n：已经输入了几位。
identify-count = 已输入 { $n } 位，一共 18 位。
identify-field = 身份证号码
identify-rejected = 这个身份证号码现在办不了，请您核对一下，或者呼叫工作人员帮忙。
identify-confirm = 确认号码
keypad-clear = 清空
keypad-delete = 删除
keypad-empty = 请在右边的数字键上输入
due-title = { $n ->
    [1] 有一件事快到期了
    [2] 有两件事快到期了
   *[other] 有 { $n } 件事快到期了
}
# $matter：要办的事项的简称。
due-take = 现在就办：{ $matter }
due-skip = 先不办，继续
# $tip：这一步的小贴士。
step-tip = 小贴士：{ $tip }
step-tip-open = 小贴士（点这里看）
tip-close = 知道了
step-back-to-review = 改好了，回去核对
# $n：选项序号；$label：选项文字。
choice-numbered = { $n }. { $label }
commitment-agree = 我已读过，我承诺
commitment-agreed = 已承诺
date-year = { $n } 年
date-year-said = { $year }
date-month = { $n } 月
date-day = { $n } 日
date-year-up = 下一年
date-year-down = 上一年
date-month-up = 下个月
date-month-down = 上个月
date-day-up = 后一天
date-day-down = 前一天
date-today = 选今天
date-full = { $y } 年 { $m } 月 { $d } 日
region-provinces = 重新选省份
page-prev = 上一页
page-next = 下一页
# $n：第几页；$total：一共几页。
page-of = 第 { $n } 页，共 { $total } 页
review-title = 请您核对一下
# $name：打码后的姓名；$id：打码后的身份证号。
review-applicant = 办理人：{ $name }，身份证：{ $id }
review-check = 下面是您填写的内容。哪一项不对，请点这一项右边的“修改”。
review-submit = 确认提交
submitting-title = 正在办理
submitting-wait = 正在为您办理，请稍等，不要离开。
submitting-stop = 不等了，回去看看
result-title = 办好了
# $matter：事项的简称。
result-case-no = { $matter }的办件编号：
# $date：承诺办结的日期。
result-promised-by = 最晚在 { $date } 前办完。
# $name：可以以后补交的材料；$date：补交期限。
result-deferred = 请在 { $date } 前补交：{ $name }。
# $code：回执上的查询码。
result-lookup = 查询码：{ $code }
result-receipt = 回执正在打印，请从下方出纸口取走。
result-continue = 继续
result-no-printer = 这台机器现在不能打印回执。请记下上面的办件编号和查询码，或者用手机拍下来。
speech-amount-fallback = { $amount } 元
query-no-printer = 这台机器现在不能打印，您可以用手机拍下这一页。核验码：{ $code }
review-submit-checked = 我已核对，提交
review-confirm-checked = 语音核对还没有读完。您已经在屏幕上核对过，都对吗？
review-keep-listening = 听语音核对
speech-unavailable = 语音暂时不能用，请看屏幕操作。需要帮助，请按“呼叫工作人员”。
query-empty = 没有查到记录。
# $code：打印件上的核验码。
query-printed = 可以打印。打印件上的核验码：{ $code }
query-done = 看完了
evaluate-title = 请您评价这次办理
evaluate-ask = 您对这次办理满意吗？请点一个。
evaluate-reasons = 请告诉我们哪里做得不好（可以选几项）：
evaluate-no-level = 请先点一个满意程度。
evaluate-no-reason = 请至少选一项不满意的原因，我们好改进。
evaluate-send = 提交评价
evaluate-skip = 不评价了
level-very-satisfied = 非常满意
level-satisfied = 满意
level-basically-satisfied = 基本满意
level-dissatisfied = 不满意
level-very-dissatisfied = 非常不满意
goodbye-title = 谢谢您
goodbye-card = 请取走您的身份证
goodbye-wiped = 您的信息已经从这台机器上清除。祝您生活愉快！
goodbye-done = 我拿好了
failure-title = 这次没有办成
failure-fill-first = 先填写表格
failure-fill-first-note = 您也可以先把表格填好。网络恢复后，核验身份就能提交，填写的内容不会丢。
maintenance-title = 这台机器正在维护，请到服务窗口办理
error-rejected = 有一项内容没有通过检查，请您按提示修改，或者呼叫工作人员帮忙。
idle-title = 您还在吗？
# $n：剩下的秒数。
idle-countdown = 如果您还要继续，请点“我还在”。{ $n } 秒后，为了保护您的信息，将回到首页。
idle-still-here = 我还在
staff-call-failed = 现在没能叫到工作人员，请您到旁边的服务窗口找工作人员帮忙。
rate-slower = 语速：慢一点
rate-normal = 语速：正常
rate-faster = 语速：快一点
rate-faster2 = 语速：较快
rate-fastest = 语速：最快
volume-0 = 音量：最大
volume-1 = 音量：大
volume-2 = 音量：中
volume-3 = 音量：小
volume-4 = 音量：最小
theme-default = 颜色：标准
theme-black-on-white = 颜色：白底黑字
theme-white-on-black = 颜色：黑底白字
# $n：剩下的秒数。已经延长过很多次，不能再延长了。
idle-last = 已经为您延长了很多次。{ $n } 秒后，为了保护您的信息，将回到首页。需要帮忙，请呼叫工作人员。
# $level：选中的满意程度。
evaluate-chosen = 您选了：{ $level }。
