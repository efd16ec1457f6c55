## Who can help

{{> contact}}

**Free, independent advice.** {{#council.sendiass.name}}{{.}}{{/council.sendiass.name}}{{^council.sendiass.name}}Your local SEND information, advice and support service (SENDIASS){{/council.sendiass.name}} gives free, confidential and impartial information, advice and support about special educational needs and disability (SEND){{#council.sendiass.phone}}. Phone {{.}}{{/council.sendiass.phone}}{{#council.sendiass.email}}, email {{.}}{{/council.sendiass.email}}{{#council.sendiass.website}}, or visit {{.}}{{/council.sendiass.website}}. Independent charities such as IPSEA (Independent Provider of Special Education Advice) also give free legal advice.

**Complaints.** If you are unhappy with how we have dealt with this, you can make a complaint to {{#council.complaints.name}}{{.}}{{/council.complaints.name}}{{^council.complaints.name}}our complaints team{{/council.complaints.name}}{{#council.complaints.phone}}, phone {{.}}{{/council.complaints.phone}}{{#council.complaints.email}}, email {{.}}{{/council.complaints.email}}{{#council.complaints.website}}, website {{.}}{{/council.complaints.website}}. If you are still unhappy after our complaints process, you can ask the Local Government and Social Care Ombudsman (LGSCO) to look at your complaint.
