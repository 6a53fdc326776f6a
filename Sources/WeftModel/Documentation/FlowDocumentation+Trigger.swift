import WeftJSON

extension FlowDocumentation {
    /// What starts the flow, in sentences.
    var triggerSentences: [Prose] {
        switch flow.trigger {
        case .manual:
            return ["Runs are started by hand (\(code: "weft run")) or through the API (\(code: "POST /runs"))."]
        case .webhook(let webhook):
            var sentences: [Prose] = []
            let local: Prose = webhook.path.map { " (locally, with \(code: "weft run --serve"), at \(code: $0))" } ?? ""
            sentences.append(
                "An HTTP \(code: webhook.method.rawValue) request to the flow's webhook URL\(local) starts a run.")
            if let verify = webhook.verify {
                let header: Prose = verify.header.map { ", read from the header \(code: $0)" } ?? ""
                sentences.append(
                    "Its signature is verified with the \(Self.schemeName(verify.scheme)) scheme using the secret "
                        + "\(code: verify.secret)\(header); a request without a valid signature is rejected, "
                        + "and a missing secret rejects every request.")
                if [.stripe, .standard].contains(verify.scheme) {
                    sentences.append(
                        "Signed timestamps older than \(DurationText.format(verify.tolerance)) are refused (replay protection)."
                    )
                }
            } else {
                sentences.append("The request's signature is not verified: anyone who knows the URL can start a run.")
            }
            switch webhook.response {
            case .accepted:
                sentences.append(
                    "The caller receives \(code: "202 Accepted") as soon as the run is stored; the flow runs afterwards."
                )
            case .sync:
                sentences.append(
                    "The caller waits for the run to finish and receives the flow's output as the response.")
            }
            if let delivery = webhook.deliveryId {
                sentences.append(
                    "Repeated deliveries are recognised by \(code: Self.oneLine(delivery.source)) and start only one run."
                )
            }
            return sentences
        case .schedule(let schedule):
            var sentence: Prose =
                "Runs on the cron schedule \(code: schedule.cron) in the time zone \(code: schedule.timezone)"
            if let reading = CronReading.english(schedule.cron) {
                sentence = sentence + ": \(reading)."
            } else {
                sentence = sentence + "."
            }
            let catchUp: Prose
            switch schedule.catchUp {
            case .once: catchUp = "Ticks missed while Weft was down are caught up with one run."
            case .skip: catchUp = "Ticks missed while Weft was down are skipped."
            case .all: catchUp = "Ticks missed while Weft was down each get their run (a bounded number)."
            }
            return [sentence, catchUp]
        case .poll(let poll):
            var call: Prose = "\(code: poll.action.description)"
            if let action = action(poll.action) {
                call = call + " (\(code: action.method.rawValue + " " + action.path.source))"
            }
            let connection: Prose = poll.connection.map { " through the connection \(code: $0)" } ?? ""
            var sentences: [Prose] = [
                "Every \(DurationText.format(poll.every)), the action \(call) is called\(connection); each new record it returns starts a run."
            ]
            if let input = poll.input {
                sentences.append("The action's input is \(inputProse(input)).")
            }
            if let cursor = poll.cursor {
                var text: Prose =
                    "The cursor is the largest \(code: cursor.field.map { Self.oneLine($0.source) } ?? "") among the records; "
                    + "the next call receives it as the input \(code: cursor.parameter) (\(code: "$cursor"))"
                if let initial = cursor.initial {
                    text = text + ", starting from \(code: initial.serialized())"
                }
                sentences.append(text + ".")
            } else {
                sentences.append("There is no cursor: every call asks for the same records.")
            }
            if let key = poll.key {
                sentences.append(
                    "Records are de-duplicated by \(code: Self.oneLine(key.source)): a record already seen does not start another run."
                )
            } else {
                sentences.append("Records are not de-duplicated by a key.")
            }
            return sentences
        case .file(let file):
            let after: Prose
            switch file.after {
            case .move: after = "Processed files are moved to \(code: file.moveTo ?? "processed/")."
            case .delete: after = "Processed files are deleted."
            case .mark: after = "Processed files are left in place and recorded as processed, so each is read once."
            }
            return [
                "Every \(DurationText.format(file.every)), the directory \(code: file.directory) is checked for files matching \(code: file.pattern); each new file is read as \(Self.formatName(file.format)) and starts one run.",
                after,
            ]
        }
    }

    /// A value template in words: an expression as code, a structure as its fields.
    func inputProse(_ input: ValueTemplate) -> Prose {
        switch input {
        case .expression(let expression):
            let source = Self.oneLine(expression.source)
            if let list = TokenList(source), list.tokens.count == 3, list[0].value == "$steps",
                list[1].isPunctuation("."), list[2].kind == .name
            {
                return "the output of step \(code: list[2].value) (\(code: source))"
            }
            return "\(code: source)"
        case .literal(let json): return "\(code: json.serialized())"
        case .array: return "a list (see the field mapping below)"
        case .object(let members):
            return "an object with the fields " + Prose.list(members.map { "\(code: $0.key)" })
                + " (see the field mapping below)"
        }
    }

    func triggerBlocks() -> [DocumentBlock] {
        [
            .heading(level: 2, text: "Trigger: \(flow.trigger.name)", anchor: "trigger"),
            .paragraph(Prose.joined(triggerSentences, separator: " ")),
        ]
    }

    static func schemeName(_ scheme: WebhookScheme) -> String {
        switch scheme {
        case .github: return "GitHub"
        case .shopify: return "Shopify"
        case .stripe: return "Stripe"
        case .standard: return "Standard Webhooks"
        case .hmac: return "generic HMAC"
        }
    }

    static func formatName(_ format: DataFormat) -> String {
        switch format {
        case .json: return "JSON"
        case .xml: return "XML"
        case .csv: return "CSV"
        case .text: return "text"
        }
    }
}
