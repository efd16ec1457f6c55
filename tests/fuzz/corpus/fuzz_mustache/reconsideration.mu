{{! Used by reduction and repayment letters: how to ask us to think again. The caller sets
    the date in its own words first. }}
Write to us at the address at the top of this letter, or email {{officer.email}}. Tell us why you disagree and send any information or evidence you want us to consider. A parent, the young person or anyone acting for them can write to us.

We will look at what you tell us and write to you with our decision and our reasons. {{#council.one_reconsideration}}We will reconsider this decision only once.{{/council.one_reconsideration}}{{^council.one_reconsideration}}We will reconsider this decision {{council.reconsiderations}} times at most.{{/council.one_reconsideration}}
