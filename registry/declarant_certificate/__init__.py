"""S2 customs declarant qualification certificate (001): exams and the certificate."""
