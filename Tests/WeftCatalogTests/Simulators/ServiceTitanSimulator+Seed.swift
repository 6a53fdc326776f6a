import WeftJSON

extension ServiceTitanSimulator {
    /// Nine jobs for three customers; jobs 3, 5, 6 and 8 are completed (a day apart from 2026-01-03).
    static func seedJobs() -> [JSON] {
        let completed: [Int: String] = [
            3: "2026-01-03T16:00:00Z", 5: "2026-01-04T15:30:00Z", 6: "2026-01-05T12:00:00Z", 8: "2026-01-06T17:45:00Z",
        ]
        return (1...9).map { index -> JSON in
            let done = completed[index]
            return [
                "id": .number(Double(61_000 + index)), "jobNumber": .string("J-\(61_000 + index)"),
                "customerId": .number(Double(70_000 + index % 3 + 1)),
                "locationId": .number(Double(71_000 + index % 3 + 1)),
                "jobStatus": done == nil ? (index % 2 == 0 ? "Scheduled" : "InProgress") : "Completed",
                "completedOn": done.map(JSON.string) ?? .null, "businessUnitId": 3, "jobTypeId": 12,
                "priority": "Normal", "campaignId": 5, "summary": .string("HVAC service visit \(index)"),
                "invoiceId": done == nil ? .null : .number(Double(81_000 + index)),
                "total": .number(Double(150 + index * 25)), "createdOn": "2026-01-01T08:00:00Z",
                "modifiedOn": .string(done ?? "2026-01-02T08:00:00Z"),
            ]
        }
    }

    /// Three customers.
    static func seedCustomers() -> [JSON] {
        [
            customer(70_001, "Babbage Residence", type: "Residential", city: "Springfield"),
            customer(70_002, "Hopper Dental Clinic", type: "Commercial", city: "Arlington"),
            customer(70_003, "Turing Bakery", type: "Commercial", city: "Wilmslow"),
        ]
    }

    private static func customer(_ id: Int, _ name: String, type: String, city: String) -> JSON {
        [
            "id": .number(Double(id)), "active": true, "name": .string(name), "type": .string(type),
            "address": [
                "street": "1 Main St", "unit": .null, "city": .string(city), "state": "IL", "zip": "62701",
                "country": "USA",
            ],
            "balance": 0, "doNotMail": false, "doNotService": false, "createdOn": "2025-10-01T08:00:00Z",
            "modifiedOn": "2025-12-15T08:00:00Z",
        ]
    }

    /// One invoice per completed job, with a labour line and a part line.
    static func seedInvoices() -> [JSON] {
        seedJobs().filter { $0["jobStatus"] == "Completed" }.map { job -> JSON in
            let id = job["invoiceId"] ?? .null
            let customer = job["customerId"] ?? .null
            return [
                "id": id, "referenceNumber": .string("INV-\(SimulatorSupport.integer(id) ?? 0)"),
                "invoiceDate": job["completedOn"] ?? .null, "dueDate": .null, "subTotal": "245.00",
                "salesTax": "0.00", "total": "245.00", "balance": "245.00",
                "customer": ["id": customer, "name": "Customer"],
                "job": ["id": job["id"] ?? .null, "number": job["jobNumber"] ?? .null],
                "items": [
                    [
                        "id": 1, "skuName": "SVC-HOUR", "description": "Technician labour", "quantity": "2",
                        "price": "95.00", "total": "190.00",
                    ],
                    [
                        "id": 2, "skuName": "FILTER-16X25", "description": "Air filter 16x25", "quantity": "1",
                        "price": "55.00", "total": "55.00",
                    ],
                ],
                "modifiedOn": job["completedOn"] ?? .null,
            ]
        }
    }
}
