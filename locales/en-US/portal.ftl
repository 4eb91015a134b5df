# Wording the reference portal builds itself (src/portal/texts.rs).
# Numbers are passed already formatted, so they print exactly as given.

## Dates: 15 December 2026 ($month is the month number)

portal-date = { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }

## Reminders on the start screen

portal-pension-check-overdue = Your yearly pension check was due on { $date }. You can do it here today; it takes a few minutes.
portal-pension-check-due = Your yearly pension check is due by { $date }. You can do it here today; it takes a few minutes.
portal-supplement-needed = Your case “{ $matter }” ({ $case-no }) needs more documents. { $note }
portal-supplement-ask-window = Please ask at a window what is still missing.
portal-newly-eligible-allowance = You are { $age } now and can receive the old-age allowance every month. You can apply right now.

## Case outcomes and timeline notes

portal-verification-passed = The check is passed and your pension is paid as usual. Your next check is due by { $date }.
portal-verification-timeline-note = Check passed at the self-service kiosk
portal-submitted-timeline-note = Submitted at the self-service kiosk

## Record print

portal-record-title = Social insurance contribution record
portal-record-summary-none = No contributions were found from { $start } to { $end }.
portal-record-summary = { $rows } contribution records were found from { $start } to { $end }.
portal-record-column-year = Year
portal-record-column-type = Insurance
portal-record-column-months = Months paid
portal-record-column-base = Base (CNY)
portal-record-column-employer = Employer
portal-record-line = { $year }  { $insurance }  { $months } months  base { $base } CNY  { $employer }
portal-record-range-line = Insurance: { $insurance }    Years: { $start } to { $end }

## Pension payments

portal-payments-title = Pension payments
portal-payments-summary = In the last { $months } months your pension was paid { $count } times, { $total } CNY in all. The latest, for { $month }, was { $amount } CNY.
portal-payments-summary-said = In the last { $months } months your pension was paid { $count } times, { $total } in all. The latest, for { $month }, was { $amount }.
portal-payments-summary-none = No pension payments were found in the last { $months } months.
portal-payments-column-month = Month
portal-payments-column-amount = Amount (CNY)
portal-payments-column-bank = Bank
portal-payment-line = { $month }  { $amount } CNY  { $bank } (ending { $last4 })
portal-bank-cell = { $bank } (ending { $last4 })

## Lines every printed document starts with

portal-document-name = Name: { $name }
portal-document-id-number = ID number: { $id }
portal-document-printed-on = Printed on: { $date }
portal-document-verification = Verification code: { $code } (check this document on the government service portal)
