extension Fixtures {
    /// A help desk ticket → a chat message announcing it: few fields correspond.
    static let supportTicketToChatMessage = #"""
        {
          "source": {"name": "Ticket", "schema": {"type": "object", "properties": {
            "id": {"type": "integer"},
            "subject": {"type": "string", "description": "One-line summary of the request."},
            "description": {"type": "string", "description": "The requester's full message."},
            "priority": {"type": "string", "enum": ["low", "normal", "high", "urgent"]},
            "status": {"type": "string", "enum": ["new", "open", "pending", "solved", "closed"]},
            "requester": {"type": "object", "properties": {
              "id": {"type": "integer"},
              "name": {"type": "string"},
              "email": {"type": "string", "format": "email"}
            }},
            "assignee": {"type": "object", "properties": {
              "id": {"type": "integer"},
              "name": {"type": "string"}
            }},
            "tags": {"type": "array", "items": {"type": "string"}},
            "createdAt": {"type": "string", "format": "date-time"},
            "url": {"type": "string", "format": "uri", "description": "Link to the ticket in the help desk."}
          }}},
          "target": {"name": "ChatMessage", "schema": {"type": "object", "required": ["channel_id", "text"], "properties": {
            "channel_id": {"type": "string"},
            "text": {"type": "string", "description": "The message body, in Markdown."},
            "title": {"type": "string"},
            "importance": {"type": "string", "enum": ["normal", "high", "urgent"]},
            "thread_key": {"type": "string"},
            "link_url": {"type": "string"},
            "notify": {"type": "boolean"}
          }}},
          "target_constants": {"channel_id": "<configured channel>"},
          "mapping": [
            {"source": "subject", "target": "title", "kind": "direct"},
            {"source": "description", "target": "text", "kind": "direct"},
            {"source": "priority", "target": "importance", "kind": "transform", "jsonata": "priority = 'low' ? 'normal' : priority"},
            {"source": "url", "target": "link_url", "kind": "direct"}
          ],
          "deliberately_unmapped": ["id", "status", "tags", "assignee", "requester.email", "createdAt"]
        }
        """#
}
