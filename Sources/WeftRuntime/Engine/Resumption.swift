import WeftJSON
import WeftModel

/// Where a run starts: at its first step, or right after the top-level steps a checkpoint says were completed.
struct Resumption: Sendable {
    /// The top-level steps skipped, in order: a prefix of the flow's steps.
    var completedSteps: [String] = []
    /// The message and `$steps` after them.
    var scope: Scope
    /// Their records.
    var records: [StepRecord] = []

    /// Resumes from `checkpoint` the run of `steps` on `message`. Only the completed steps that still begin the
    /// flow are skipped (the flow may have changed since, for a replay on a newer version); from the first one
    /// that differs, everything runs again and what the checkpoint knows of the later steps is dropped.
    init(_ checkpoint: RunCheckpoint?, steps: [Step], message: JSON) {
        scope = Scope(message: message)
        guard let checkpoint else { return }
        var count = 0
        while count < min(steps.count, checkpoint.completedSteps.count),
            steps[count].id == checkpoint.completedSteps[count]
        {
            count += 1
        }
        guard count > 0 else { return }
        let kept = Array(checkpoint.completedSteps.prefix(count))
        let records = checkpoint.steps.filter { record in kept.contains { Self.path(record.path, isIn: $0) } }
        if count == checkpoint.completedSteps.count {
            scope.message = checkpoint.message
            scope.outputs = checkpoint.outputs
        } else {
            // The message after a top-level step that lets the run go on is its `$steps` output; step ids are
            // unique in a flow, so the outputs of the kept steps are those named by their records.
            guard let message = checkpoint.outputs[kept[count - 1]] else { return }
            let ids = Set(records.map(\.stepId))
            scope.message = message
            scope.outputs = checkpoint.outputs.filter { ids.contains($0.key) }
        }
        completedSteps = kept
        self.records = records
    }

    /// Whether a step at `path` is the top-level step `id` or nested in it (`id.…`, or `id[…]` in a loop).
    static func path(_ path: String, isIn id: String) -> Bool {
        guard path.hasPrefix(id) else { return false }
        let rest = path.dropFirst(id.count)
        return rest.isEmpty || rest.hasPrefix(".") || rest.hasPrefix("[")
    }
}
