## If you disagree: ask us to review this decision

You can ask us to review this decision. Please write to us at the address at the top of this letter, or email {{officer.email}}, by **{{refusal.review_by}}**. That is {{refusal.review_within}} after the day we treat this letter as received ({{refusal.deemed_receipt}}). Tell us why you disagree and send any information or evidence you want us to consider.

The review will be carried out by {{refusal.reviewer}}. We will write to you with the outcome and our reasons within {{refusal.reply_within}} of receiving your request.

## Appeals to the SEND Tribunal

The First-tier Tribunal (Special Educational Needs and Disability) does not hear appeals about personal budgets or direct payments. It does hear appeals about the special educational provision in the EHC plan (Section F) and the school or college named in it (Section I).

If you disagree with that provision, you must first contact a mediation adviser, and you can then appeal. You have 2 months from the date of the decision, or 1 month from the date of the mediation certificate, whichever is later. You can also ask for mediation or disagreement resolution at any time: contact {{officer.name}} and we will put you in touch.
