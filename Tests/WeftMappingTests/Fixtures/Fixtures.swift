/// This target's own labelled pairs, written for these tests as small JSON Schemas (not taken from the dev set,
/// and written before the suggester was run on them), to check that what works on the dev set is not fitted to
/// it. Each is JSON text in the dev set's label format.
enum Fixtures {
    static let all: [(name: String, json: String)] = [
        ("crm_contact__erp_customer", crmContactToERPCustomer),
        ("shop_order__accounting_invoice", shopOrderToAccountingInvoice),
        ("hr_employee__payroll_worker", hrEmployeeToPayrollWorker),
        ("support_ticket__chat_message", supportTicketToChatMessage),
        ("held_out_shop_customer__newsletter_member", shopCustomerToNewsletterMember),
        ("held_out_purchase_order__supplier_order", purchaseOrderToSupplierOrder),
    ]
}
