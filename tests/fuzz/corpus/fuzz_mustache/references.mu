{{date}}

Our reference: {{reference}}\
Your contact: {{officer.name}}, {{officer.role}}
