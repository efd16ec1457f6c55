If you have any questions about this letter, please contact {{officer.name}}, {{officer.role}}, on {{officer.phone}} or by email at {{officer.email}}. Please quote our reference, {{reference}}.
