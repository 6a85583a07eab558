"""Results of services: the records a decision creates, and the data their documents show."""
