"""What every page shares: table models, table setup, styles and the PDF preview."""
