import Collections
import WeftJSON

/// Where a flow's messages come from.
public enum Trigger: Sendable {
    case manual
    case webhook(WebhookTrigger)
    case schedule(ScheduleTrigger)
    case poll(PollTrigger)
    case file(FileTrigger)

    /// The trigger's key in the file.
    public var name: String {
        switch self {
        case .manual: return "manual"
        case .webhook: return "webhook"
        case .schedule: return "schedule"
        case .poll: return "poll"
        case .file: return "file"
        }
    }

    private struct Holder {
        var trigger = Trigger.manual
    }

    /// The spec of a `trigger:` value.
    public static var spec: Spec<Trigger> {
        ObjectSpec<Holder>(
            "Trigger", description: "Where messages come from: exactly one of the keys.", initial: Holder.init,
            fields: [],
            variants: [
                .variant("manual", \.trigger, Spec<JSON>.json, "Runs started by hand or through the API.") { _ in
                    .manual
                },
                .variant("webhook", \.trigger, WebhookTrigger.spec, "An HTTP request to the flow's URL.") {
                    .webhook($0)
                },
                .variant("schedule", \.trigger, ScheduleTrigger.spec, "A cron schedule.") { .schedule($0) },
                .variant("poll", \.trigger, PollTrigger.spec, "An action called on a schedule, new records only.") {
                    .poll($0)
                },
                .variant("file", \.trigger, FileTrigger.spec, "New files in a directory.") { .file($0) },
            ]
        ).spec.map(\.trigger)
    }
}

/// Signature schemes for webhook verification.
public enum WebhookScheme: String, Sendable, CaseIterable {
    case github, shopify, stripe, standard, hmac
}

/// How a webhook's signature is checked.
public struct WebhookVerification: Sendable {
    public var scheme = WebhookScheme.hmac
    /// The name of the secret (a connection field or tenant secret); never the secret itself.
    public var secret = ""
    /// For `hmac`: the header carrying the signature.
    public var header: String?
    /// How old a signed timestamp may be.
    public var tolerance: Duration = .seconds(300)

    static var spec: Spec<WebhookVerification> {
        ObjectSpec(
            "WebhookVerification", description: "Signature verification; a missing secret fails closed.",
            initial: WebhookVerification.init,
            fields: [
                .field("scheme", \.scheme, .enumeration(WebhookScheme.self), required: true, "The provider's scheme."),
                .field("secret", \.secret, .string(), required: true, "The name of the secret to verify with."),
                .field("header", \.header, .string(), "For `hmac`: the signature header."),
                .field("tolerance", \.tolerance, .duration, "The accepted age of a signed timestamp."),
            ]
        ).spec
    }
}

/// An HTTP request to the flow's own URL starts a run.
public struct WebhookTrigger: Sendable {
    /// When the caller gets its response.
    public enum ResponseMode: String, Sendable, CaseIterable {
        /// `202 Accepted` once the run is stored.
        case accepted
        /// The flow's output, once the run finishes.
        case sync
    }

    public var method = HTTPMethod.POST
    /// A path for `weft run --serve`; the server gives each flow an unguessable URL instead.
    public var path: String?
    public var verify: WebhookVerification?
    public var response = ResponseMode.accepted
    /// An expression over the request (`headers`, `body`) giving the provider's delivery id, for de-duplication.
    public var deliveryId: WeftExpression?

    static var spec: Spec<WebhookTrigger> {
        ObjectSpec(
            "WebhookTrigger", description: "An HTTP request starts a run.", initial: WebhookTrigger.init,
            fields: [
                .field("method", \.method, .enumeration(HTTPMethod.self), "The accepted method; POST by default."),
                .field("path", \.path, .string(), "The local path used by `weft run --serve`."),
                .field("verify", \.verify, WebhookVerification.spec, "Signature verification."),
                .field("response", \.response, .enumeration(ResponseMode.self), "`accepted` (default) or `sync`."),
                .field("delivery_id", \.deliveryId, .expression, "The provider's delivery id, for de-duplication."),
            ]
        ).spec
    }
}

/// How a schedule treats ticks missed while Weft was down.
public enum CatchUp: String, Sendable, CaseIterable {
    /// One run for all missed ticks.
    case once
    /// None: wait for the next tick.
    case skip
    /// One run per missed tick (bounded).
    case all
}

/// A cron schedule starts a run at each tick.
public struct ScheduleTrigger: Sendable {
    /// 5 fields (minute hour day month weekday) or 6 (with seconds first), or a macro such as `@hourly`.
    public var cron = ""
    /// An IANA time zone such as `Europe/Paris`.
    public var timezone = "UTC"
    public var catchUp = CatchUp.once

    static var spec: Spec<ScheduleTrigger> {
        ObjectSpec(
            "ScheduleTrigger", description: "A cron schedule.", initial: ScheduleTrigger.init,
            fields: [
                .field("cron", \.cron, .string(), required: true, "A 5- or 6-field cron expression or a macro."),
                .field("timezone", \.timezone, .string(), "The time zone the expression is read in; UTC by default."),
                .field("catch_up", \.catchUp, .enumeration(CatchUp.self), "Missed ticks after downtime."),
            ]
        ).spec
    }
}

/// Where a poll keeps its place between calls.
public struct PollCursor: Sendable {
    /// An expression over each record giving its cursor value (such as `updated_at`); the largest is kept.
    public var field: WeftExpression?
    /// The action input that receives the cursor on the next call.
    public var parameter = "since"
    /// The cursor for the very first call.
    public var initial: JSON?

    static var spec: Spec<PollCursor> {
        ObjectSpec(
            "PollCursor", description: "The position a poll resumes from.", initial: PollCursor.init,
            fields: [
                .field("field", \.field, .expression, required: true, "The cursor value of a record."),
                .field("param", \.parameter, .string(), "The action input receiving the cursor."),
                .field("initial", \.initial, .json, "The cursor of the first call."),
            ]
        ).spec
    }
}

/// An app action called on a schedule; each new record starts a run.
public struct PollTrigger: Sendable {
    public var action = ActionReference(app: "", action: "")
    /// Where `action` is written.
    public var actionLocation: SourceLocation?
    public var connection: String?
    public var every: Duration = .seconds(300)
    public var input: ValueTemplate?
    public var cursor: PollCursor?
    /// An expression over each record giving its identity, for de-duplication.
    public var key: WeftExpression?

    static var spec: Spec<PollTrigger> {
        let object = ObjectSpec(
            "PollTrigger", description: "An action called regularly; new records start runs.",
            initial: PollTrigger.init,
            fields: [
                .field("action", \.action, ActionReference.spec, required: true, "The action, `app/action`."),
                .field("connection", \.connection, .identifier, "The connection to call it with."),
                .field("every", \.every, .duration, "The interval between calls; 5m by default."),
                .field("input", \.input, .valueTemplate, "The action's input; `$cursor` holds the cursor."),
                .field("cursor", \.cursor, PollCursor.spec, "Where to resume."),
                .field("key", \.key, .expression, "A record's identity, for de-duplication."),
            ]
        ).spec
        return Spec(schema: object.schema) { value, reader in
            guard var poll = object.read(value, &reader) else { return nil }
            poll.actionLocation = value["action"]?.location
            return poll
        }
    }
}

/// What happens to a file once processed.
public enum FileDisposition: String, Sendable, CaseIterable {
    /// Moved to `move_to`.
    case move
    case delete
    /// Left in place and recorded as processed.
    case mark
}

/// New files in a directory start runs, each file once.
public struct FileTrigger: Sendable {
    public var directory = ""
    /// A glob such as `*.csv`.
    public var pattern = "*"
    public var format = DataFormat.json
    public var after = FileDisposition.move
    public var moveTo: String?
    public var every: Duration = .seconds(2)

    static var spec: Spec<FileTrigger> {
        ObjectSpec(
            "FileTrigger", description: "Files arriving in a directory.", initial: FileTrigger.init,
            fields: [
                .field("directory", \.directory, .string(), required: true, "The directory to watch."),
                .field("pattern", \.pattern, .string(), "Which file names, as a glob (`*.csv`)."),
                .field("format", \.format, .enumeration(DataFormat.self), "How to read a file into the message."),
                .field("after", \.after, .enumeration(FileDisposition.self), "`move` (default), `delete` or `mark`."),
                .field("move_to", \.moveTo, .string(), "Where `move` puts processed files; `processed/` by default."),
                .field("every", \.every, .duration, "How often to look."),
            ]
        ).spec
    }
}
