# Interventions and referrals arrive with the directory and referral-desk issues.
