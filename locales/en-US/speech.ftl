# Words only spoken, not shown. The texts on screen are spoken too.

speech-choice = Press { $n } for { $label }.
speech-buttons = Buttons: { $list }.
speech-press = Please press “{ $label }”.
speech-keypad = The keypad has: { $keys }.
speech-entry = You have typed: { $digits }.
speech-selected = Selected: { $label }.
speech-focus = On “{ $label }”. Press Enter to press it.
speech-focus-disabled = On “{ $label }”. It cannot be pressed yet: { $why }
speech-id-masked = the ID number ending in { $last4 }
speech-phone-masked = the mobile number ending in { $last4 }
speech-account-masked = the account ending in { $last4 }
speech-applicant = Applicant: { $name }, { $id }.
speech-readback-item = { $label }: { $value }.
speech-readback-done = That is everything you entered. If it is all correct, press “{ $submit }”; if something is wrong, press “Change” next to it.
speech-case-no = The case number is: { $digits }.
speech-choose-hint = Press the number in front of a choice, or tap it on the screen.
speech-ms = Ms { $surname }
speech-mr = Mr { $surname }
speech-confirm-hint = When all 18 characters are typed, press “{ $label }”.
