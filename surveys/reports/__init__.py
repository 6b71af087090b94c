"""The public lost and found report forms ("I lost my pet", "I found a pet"), the page that
thanks the reporter and gives the private link, and the private page that link opens."""
