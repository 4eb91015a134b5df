# 朗读用语（只说不显示的部分）。屏幕上的文字本身也会朗读。

# $n：序号；$label：选项文字。
speech-choice = 按 { $n }，{ $label }。
# $list：屏幕上所有可以按的按钮，用顿号隔开。
speech-buttons = 可以按的按钮有：{ $list }。
# $label：按钮文字。
speech-press = 请按“{ $label }”。
# $keys：数字键上的字。
speech-keypad = 数字键有：{ $keys }。
# $digits：已经输入的内容，一位一位地读。
speech-entry = 您已输入：{ $digits }。
# $label：选中的内容。
speech-selected = 已选：{ $label }。
# $label：当前选中的按钮。
speech-focus = 现在在“{ $label }”上，按确认键就是按它。
speech-focus-disabled = 现在在“{ $label }”上，暂时还不能按：{ $why }
# $last4：最后四位，一位一位地读。
speech-id-masked = 尾号 { $last4 } 的身份证号码
speech-phone-masked = 尾号 { $last4 } 的手机号码
speech-account-masked = 尾号 { $last4 } 的账户
# $name：姓名（用耳机时读全名）；$id：身份证号码的说法。
speech-applicant = 办理人：{ $name }，{ $id }。
# $label：项目名称；$value：填写的内容。
speech-readback-item = { $label }：{ $value }。
# $submit：提交按钮的文字。
speech-readback-done = 以上是您填写的全部内容。都对的话，请按“{ $submit }”；哪一项不对，请按这一项的“修改”。
# $digits：办件编号，一位一位地读。
speech-case-no = 办件编号是：{ $digits }。
speech-choose-hint = 请按选项前面的数字，或者点屏幕上的选项。
# $surname：姓。
speech-ms = { $surname }女士
speech-mr = { $surname }先生
# $label：确认按钮的文字。
speech-confirm-hint = 输入完 18 位以后，请按“{ $label }”。
