# 通用界面文字（zh-CN 是参考措辞，en-US 与之一一对应）。

app-name = 易办
call-staff = 呼叫工作人员
back = 返回
home = 首页
next = 下一步
confirm = 确认
retry = 再试一次
repeat = 再听一遍
# $n：当前第几步；$total：一共几步。
step-of = 第 { $n } 步，共 { $total } 步
yes = 是
no = 否
change = 修改
# 切换语言按钮上显示的本语言名称。
language-name = 中文
voice-on = 语音：开
voice-off = 语音：关
staff-coming = 工作人员马上就到，请您稍等。
home-confirm-title = 您填写的内容还没有提交，确定回到首页吗？
home-confirm-yes = 回到首页
home-confirm-no = 继续办理
