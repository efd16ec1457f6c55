## This letter in another format

This letter is available in large print, easy read, Braille, audio or another language. To ask for it, contact {{officer.name}} on {{officer.phone}} or at {{officer.email}}.
