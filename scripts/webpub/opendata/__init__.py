"""Open data (category 2.2): dataset metadata in data.go.th field names, CKAN export."""
