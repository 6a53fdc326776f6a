extension Fixtures {
    /// A CRM contact (camelCase, nested mailing address) → a flat ERP customer card (snake_case, abbreviations).
    static let crmContactToERPCustomer = #"""
        {
          "source": {"name": "Contact", "schema": {"type": "object", "properties": {
            "id": {"type": "string", "description": "Unique identifier of the contact in the CRM."},
            "firstName": {"type": "string"},
            "lastName": {"type": "string"},
            "emailAddress": {"type": "string", "format": "email"},
            "workPhone": {"type": "string", "description": "Office telephone number."},
            "mobilePhone": {"type": "string"},
            "companyName": {"type": "string", "description": "The organization the contact works for."},
            "jobTitle": {"type": "string"},
            "website": {"type": "string", "format": "uri"},
            "mailingAddress": {"type": "object", "properties": {
              "street1": {"type": "string"},
              "street2": {"type": "string"},
              "city": {"type": "string"},
              "stateCode": {"type": "string", "description": "Two-letter state or province abbreviation."},
              "zipCode": {"type": "string"},
              "country": {"type": "string", "description": "ISO 3166-1 alpha-2 country code."}
            }},
            "leadStatus": {"type": "string", "enum": ["new", "open", "in_progress", "unqualified"]},
            "ownerId": {"type": "string", "description": "The CRM user who owns the contact."},
            "tags": {"type": "array", "items": {"type": "string"}},
            "notes": {"type": "string"},
            "createdOn": {"type": "string", "format": "date-time"}
          }}},
          "target": {"name": "Customer", "schema": {"type": "object", "properties": {
            "no": {"type": "string", "maxLength": 20},
            "name": {"type": "string", "maxLength": 100},
            "contact_name": {"type": "string"},
            "e_mail": {"type": "string"},
            "phone_no": {"type": "string"},
            "mobile_phone_no": {"type": "string"},
            "address": {"type": "string"},
            "address_2": {"type": "string"},
            "city": {"type": "string"},
            "county": {"type": "string"},
            "post_code": {"type": "string"},
            "country_region_code": {"type": "string", "maxLength": 10},
            "home_page": {"type": "string"},
            "vat_registration_no": {"type": "string"},
            "currency_code": {"type": "string"},
            "credit_limit_lcy": {"type": "number"},
            "blocked": {"type": "string", "enum": ["", "Ship", "Invoice", "All"]}
          }}},
          "mapping": [
            {"source": "emailAddress", "target": "e_mail", "kind": "direct"},
            {"source": "workPhone", "target": "phone_no", "kind": "direct"},
            {"source": "mobilePhone", "target": "mobile_phone_no", "kind": "direct"},
            {"source": "companyName", "target": "name", "kind": "direct"},
            {"source": ["firstName", "lastName"], "target": "contact_name", "kind": "transform"},
            {"source": "mailingAddress.street1", "target": "address", "kind": "direct"},
            {"source": "mailingAddress.street2", "target": "address_2", "kind": "direct"},
            {"source": "mailingAddress.city", "target": "city", "kind": "direct"},
            {"source": "mailingAddress.stateCode", "target": "county", "kind": "direct"},
            {"source": "mailingAddress.zipCode", "target": "post_code", "kind": "direct"},
            {"source": "mailingAddress.country", "target": "country_region_code", "kind": "direct"},
            {"source": "website", "target": "home_page", "kind": "direct"}
          ],
          "deliberately_unmapped": ["id", "ownerId", "leadStatus", "tags", "notes", "createdOn", "jobTitle"]
        }
        """#
}
