"""The Draft page's sections: options, preview and audit, the self-rating helper."""
