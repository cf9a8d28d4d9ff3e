"""What every stage shares and that depends on none: errors, problems, who may see what, name matching, writing a file safely."""
