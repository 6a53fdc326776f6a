extension Fixtures {
    /// Held out: a web shop's customer → a newsletter service's member (nested merge fields). Written after the
    /// last change to the vocabulary and not tuned on.
    static let shopCustomerToNewsletterMember = #"""
        {
          "source": {"name": "Customer", "schema": {"type": "object", "properties": {
            "id": {"type": "integer"},
            "email": {"type": "string"},
            "accepts_marketing": {"type": "boolean", "description": "Whether the customer agreed to receive e-mail marketing."},
            "first_name": {"type": "string"},
            "last_name": {"type": "string"},
            "phone": {"type": "string"},
            "default_address": {"type": "object", "properties": {
              "address1": {"type": "string"},
              "city": {"type": "string"},
              "province_code": {"type": "string"},
              "country_code": {"type": "string"},
              "zip": {"type": "string"}
            }},
            "orders_count": {"type": "integer"},
            "total_spent": {"type": "string"},
            "tags": {"type": "string", "description": "Comma-separated tags."},
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "currency": {"type": "string"}
          }}},
          "target": {"name": "Member", "schema": {"type": "object", "properties": {
            "email_address": {"type": "string"},
            "status": {"type": "string", "enum": ["subscribed", "unsubscribed", "cleaned", "pending"]},
            "merge_fields": {"type": "object", "properties": {
              "FNAME": {"type": "string"},
              "LNAME": {"type": "string"},
              "PHONE": {"type": "string"},
              "ADDRESS": {"type": "object", "properties": {
                "addr1": {"type": "string"},
                "city": {"type": "string"},
                "state": {"type": "string"},
                "zip": {"type": "string"},
                "country": {"type": "string"}
              }}
            }},
            "tags": {"type": "array", "items": {"type": "string"}},
            "timestamp_signup": {"type": "string", "format": "date-time"},
            "language": {"type": "string"},
            "vip": {"type": "boolean"},
            "email_type": {"type": "string", "enum": ["html", "text"]}
          }}},
          "mapping": [
            {"source": "email", "target": "email_address", "kind": "direct"},
            {"source": "accepts_marketing", "target": "status", "kind": "transform", "jsonata": "accepts_marketing ? 'subscribed' : 'unsubscribed'"},
            {"source": "first_name", "target": "merge_fields.FNAME", "kind": "direct"},
            {"source": "last_name", "target": "merge_fields.LNAME", "kind": "direct"},
            {"source": "phone", "target": "merge_fields.PHONE", "kind": "direct"},
            {"source": "default_address.address1", "target": "merge_fields.ADDRESS.addr1", "kind": "direct"},
            {"source": "default_address.city", "target": "merge_fields.ADDRESS.city", "kind": "direct"},
            {"source": "default_address.province_code", "target": "merge_fields.ADDRESS.state", "kind": "direct"},
            {"source": "default_address.zip", "target": "merge_fields.ADDRESS.zip", "kind": "direct"},
            {"source": "default_address.country_code", "target": "merge_fields.ADDRESS.country", "kind": "direct"},
            {"source": "tags", "target": "tags", "kind": "transform", "jsonata": "$split(tags, ',')"},
            {"source": "created_at", "target": "timestamp_signup", "kind": "direct"}
          ],
          "deliberately_unmapped": ["id", "orders_count", "total_spent", "updated_at", "currency"]
        }
        """#
}
