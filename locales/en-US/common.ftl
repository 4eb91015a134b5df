# Common interface text (zh-CN is the reference wording; en-US mirrors it id for id).

app-name = Yiban
call-staff = Call staff
back = Back
home = Home
next = Next
confirm = Confirm
retry = Try again
repeat = Repeat
# $n: the current step; $total: how many steps in all.
step-of = Step { $n } of { $total }
yes = Yes
no = No
change = Change
# Shown on the language button, in the language itself.
language-name = English
voice-on = Voice: on
voice-off = Voice: off
staff-coming = A member of staff is on the way. Please wait a moment.
home-confirm-title = What you have entered has not been sent yet. Do you really want to go back to the home page?
home-confirm-yes = Go to home page
home-confirm-no = Keep going
