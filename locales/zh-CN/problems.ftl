# 填写校验提示。每条都带 $field（栏目名称，如“身份证号码”）；
# problem-too-small 另带 $min，problem-too-large 和 problem-too-long 另带 $max。

problem-missing = 「{ $field }」还没有填写，请您填上。
problem-wrong-length = 「{ $field }」的位数不对，请您对照证件再数一数，看看是不是多输或少输了。
problem-not-digits = 「{ $field }」只能填数字，请您把其他的字去掉。
problem-bad-check-digit = 「{ $field }」的最后一位对不上，请您再核对一下身份证上的号码。
problem-bad-birth-date = 「{ $field }」里的出生日期不对，请您再核对一下身份证上的号码。
problem-future-date = 「{ $field }」不能晚于今天，请您再看一下日期。
problem-past-date = 「{ $field }」不能早于今天，请您选今天或以后的日期。
problem-bad-region = 「{ $field }」的前六位对不上，请您再核对一下身份证上的号码。
problem-bad-phone = 「{ $field }」不像是手机号码。手机号码是 1 开头的 11 位数字，请您再核对一下。
problem-bad-luhn = 「{ $field }」好像有一位输错了，请您对照卡片再核对一下。
problem-not-a-number = 「{ $field }」要填一个数，请您只输入数字。
problem-too-small = 「{ $field }」不能小于 { $min }，请您再看一下。
problem-too-large = 「{ $field }」不能大于 { $max }，请您再看一下。
problem-bad-date = 「{ $field }」的日期不对，请您再看一下年、月、日。
problem-too-long = 「{ $field }」太长了，最多只能写 { $max } 个字，请您删掉一些。
problem-not-a-choice = 「{ $field }」还没有选好，请您从下面的选项里选一个。
problem-not-confirmed = 「{ $field }」还没有确认，请您看清楚后点一下确认。
# $field：这一项；$other：它不能早于的那一项。
problem-before-other = 「{ $field }」不能早于「{ $other }」，请您改一下。
