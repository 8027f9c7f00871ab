"""Domain layer: records, enums, validation and Vietnamese text rules. No Qt, no sessions."""
