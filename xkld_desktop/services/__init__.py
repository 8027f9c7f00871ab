"""Services: use cases, one transaction per user action, keyword-only arguments. No Qt."""
