"""Search: what the index holds for a review, the Pagefind service client and its page-list tuning."""
