"""PDF documents for patients and referrals (reportlab); they see only the domain."""
