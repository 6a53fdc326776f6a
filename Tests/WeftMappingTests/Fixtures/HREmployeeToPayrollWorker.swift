extension Fixtures {
    /// An HR system's employee (nested address, department and salary) → a payroll provider's flat worker.
    static let hrEmployeeToPayrollWorker = #"""
        {
          "source": {"name": "Employee", "schema": {"type": "object", "properties": {
            "employeeId": {"type": "string", "description": "The employee's identifier in the HR system."},
            "givenName": {"type": "string"},
            "familyName": {"type": "string"},
            "dateOfBirth": {"type": "string", "format": "date"},
            "hireDate": {"type": "string", "format": "date", "description": "First day of employment."},
            "workEmail": {"type": "string", "format": "email"},
            "personalEmail": {"type": "string", "format": "email"},
            "homeAddress": {"type": "object", "properties": {
              "addressLine1": {"type": "string"},
              "town": {"type": "string"},
              "postalCode": {"type": "string"},
              "countryCode": {"type": "string", "description": "ISO 3166-1 alpha-2."}
            }},
            "department": {"type": "object", "properties": {
              "name": {"type": "string"},
              "costCenter": {"type": "string"}
            }},
            "jobTitle": {"type": "string"},
            "salary": {"type": "object", "properties": {
              "amount": {"type": "number"},
              "currency": {"type": "string"},
              "period": {"type": "string", "enum": ["hourly", "monthly", "yearly"]}
            }},
            "managerId": {"type": "string"},
            "active": {"type": "boolean", "description": "Whether the employee is currently employed."}
          }}},
          "target": {"name": "Worker", "schema": {"type": "object", "properties": {
            "external_id": {"type": "string", "description": "Identifier of the worker in the source system."},
            "first_name": {"type": "string"},
            "last_name": {"type": "string"},
            "birth_date": {"type": "string", "format": "date"},
            "start_date": {"type": "string", "format": "date", "description": "Date the employment starts."},
            "email": {"type": "string"},
            "address_street": {"type": "string"},
            "address_city": {"type": "string"},
            "address_zip": {"type": "string"},
            "address_country": {"type": "string", "description": "Two-letter country code."},
            "position_title": {"type": "string"},
            "annual_salary": {"type": "number"},
            "salary_currency": {"type": "string"},
            "cost_centre": {"type": "string"},
            "is_terminated": {"type": "boolean"},
            "bank_account_iban": {"type": "string"},
            "tax_code": {"type": "string"}
          }}},
          "mapping": [
            {"source": "employeeId", "target": "external_id", "kind": "direct"},
            {"source": "givenName", "target": "first_name", "kind": "direct"},
            {"source": "familyName", "target": "last_name", "kind": "direct"},
            {"source": "dateOfBirth", "target": "birth_date", "kind": "direct"},
            {"source": "hireDate", "target": "start_date", "kind": "direct"},
            {"source": "workEmail", "target": "email", "kind": "direct"},
            {"source": "homeAddress.addressLine1", "target": "address_street", "kind": "direct"},
            {"source": "homeAddress.town", "target": "address_city", "kind": "direct"},
            {"source": "homeAddress.postalCode", "target": "address_zip", "kind": "direct"},
            {"source": "homeAddress.countryCode", "target": "address_country", "kind": "direct"},
            {"source": "jobTitle", "target": "position_title", "kind": "direct"},
            {"source": ["salary.amount", "salary.period"], "target": "annual_salary", "kind": "transform"},
            {"source": "salary.currency", "target": "salary_currency", "kind": "direct"},
            {"source": "department.costCenter", "target": "cost_centre", "kind": "direct"},
            {"source": "active", "target": "is_terminated", "kind": "transform", "jsonata": "$not(active)"}
          ],
          "deliberately_unmapped": ["personalEmail", "managerId", "department.name", "salary.period"]
        }
        """#
}
