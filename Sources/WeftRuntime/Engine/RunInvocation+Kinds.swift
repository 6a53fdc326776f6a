import Foundation
import JSONata
import WeftJSON
import WeftModel

extension RunInvocation {
    /// One attempt of a step: what each kind does.
    func attemptStep(
        _ step: Step, path: String, attempt: Int, scope: inout Scope, records: inout [StepRecord]
    ) async throws(StepFailure) -> StepResult {
        let context = context(for: step, path: path, attempt: attempt)
        switch step.kind {
        case .map(let expression):
            return .output(try evaluate(expression, scope) ?? .null, input: scope.message)
        case .filter(let condition):
            let holds = try evaluate(condition, scope).map(JSONataExpression.isTruthy) ?? false
            return holds ? .output(scope.message, input: scope.message) : .filtered(input: scope.message)
        case .action(let reference):
            let input =
                try step.input.map { (template) throws(StepFailure) in try evaluate(template, scope) } ?? scope.message
            let output = try await effects.callAction(
                reference, connection: step.connection, input: input ?? .null, context: context)
            return .output(output, input: input)
        case .http(let http):
            return try await sendHTTP(http, scope: scope, context: context)
        case .delay(let duration):
            do {
                try await clock.sleep(for: duration)
            } catch {
                throw StepFailure(.cancelled, "the delay was interrupted")
            }
            return .output(scope.message, input: scope.message)
        case .convert(let convert):
            let input =
                try convert.input.map { (expression) throws(StepFailure) in try evaluate(expression, scope) }
                ?? scope.message
            var options: [String: JSON] = [:]
            for (key, value) in convert.options { options[key] = value }
            let output = try engine.converter.convert(
                input ?? .null, from: convert.from, to: convert.to, options: options)
            return .output(output, input: input)
        case .file(let file):
            return try await writeFile(file, scope: scope, context: context)
        case .switch(let choice):
            for (index, option) in choice.cases.enumerated() {
                guard let condition = option.condition,
                    try evaluate(condition, scope).map(JSONataExpression.isTruthy) ?? false
                else {
                    continue
                }
                return await runBranch(
                    option.steps, prefix: "\(path).cases[\(index)]", scope: &scope, records: &records)
            }
            return await runBranch(choice.otherwise, prefix: "\(path).else", scope: &scope, records: &records)
        case .foreach(let loop):
            return try await runForeach(loop, path: path, scope: scope, records: &records)
        case .parallel(let parallel):
            return await runParallel(parallel, path: path, scope: &scope, records: &records)
        }
    }

    private func runBranch(_ steps: [Step], prefix: String, scope: inout Scope, records: inout [StepRecord]) async
        -> StepResult
    {
        let input = scope.message
        if let stop = await runSteps(steps, scope: &scope, prefix: prefix, records: &records) { return .stopped(stop) }
        return .output(scope.message, input: input)
    }

    private func runForeach(_ loop: ForeachStep, path: String, scope: Scope, records: inout [StepRecord])
        async throws(StepFailure) -> StepResult
    {
        guard let itemsExpression = loop.items else { return .output(.array([]), input: scope.message) }
        let items: [JSON]
        switch try evaluate(itemsExpression, scope) {
        case nil: items = []
        case .array(let array)?: items = array
        case let single?: items = [single]
        }
        // Each item runs with its own scope; results are gathered by index so order never depends on timing.
        var results = [(output: JSON?, records: [StepRecord], stop: Stop?)](
            repeating: (nil, [], nil), count: items.count)
        let concurrency = max(1, loop.concurrency)
        var start = 0
        while start < items.count {
            let end = min(items.count, start + concurrency)
            await withTaskGroup(of: (Int, JSON?, [StepRecord], Stop?).self) { group in
                for index in start..<end {
                    let run = branch()
                    group.addTask {
                        var itemScope = scope
                        itemScope.message = items[index]
                        itemScope.loop = ["item": items[index], "index": .number(Double(index))]
                        var itemRecords: [StepRecord] = []
                        let stop = await run.runSteps(
                            loop.steps, scope: &itemScope, prefix: "\(path)[\(index)]", records: &itemRecords)
                        return (index, itemScope.message, itemRecords, stop)
                    }
                }
                for await (index, output, itemRecords, stop) in group { results[index] = (output, itemRecords, stop) }
            }
            start = end
        }
        var outputs: [JSON] = []
        for result in results {
            records += result.records
            switch result.stop {
            case nil: outputs.append(result.output ?? .null)
            case .filtered: continue  // a filter inside a loop drops the item
            case let stop?: return .stopped(stop)
            }
        }
        return .output(.array(outputs), input: .array(items))
    }

    private func runParallel(_ parallel: ParallelStep, path: String, scope: inout Scope, records: inout [StepRecord])
        async -> StepResult
    {
        let base = scope
        var results = [(scope: Scope, records: [StepRecord], stop: Stop?)?](
            repeating: nil, count: parallel.branches.count)
        await withTaskGroup(of: (Int, Scope, [StepRecord], Stop?).self) { group in
            for (index, branch) in parallel.branches.enumerated() {
                let run = self.branch()
                group.addTask {
                    var branchScope = base
                    var branchRecords: [StepRecord] = []
                    let stop = await run.runSteps(
                        branch.steps, scope: &branchScope, prefix: "\(path).\(branch.name)", records: &branchRecords)
                    return (index, branchScope, branchRecords, stop)
                }
            }
            for await (index, branchScope, branchRecords, stop) in group {
                results[index] = (branchScope, branchRecords, stop)
            }
        }
        var joined = JSONObject()
        for (index, branch) in parallel.branches.enumerated() {
            guard let result = results[index] else { continue }
            records += result.records
            switch result.stop {
            case nil: joined[branch.name] = result.scope.message
            case .filtered: continue  // a filtered branch contributes nothing
            case let stop?: return .stopped(stop)
            }
            for (key, value) in result.scope.outputs where base.outputs[key] == nil { scope.outputs[key] = value }
        }
        return .output(.object(joined), input: base.message)
    }

    private func sendHTTP(_ http: HTTPStep, scope: Scope, context: EffectContext) async throws(StepFailure)
        -> StepResult
    {
        var url = try render(http.url, scope)
        var query: [String] = []
        for (name, template) in http.query {
            let value = try render(template, scope)
            if !value.isEmpty { query.append(URLQuery.encode(name) + "=" + URLQuery.encode(value)) }
        }
        if !query.isEmpty { url += (url.contains("?") ? "&" : "?") + query.joined(separator: "&") }
        var headers: [(name: String, value: String)] = []
        for (name, template) in http.headers { headers.append((name, try render(template, scope))) }
        var body: [UInt8]?
        var bodyJSON: JSON?
        if let template = http.body {
            bodyJSON = try evaluate(template, scope)
            body = (bodyJSON ?? .null).serializedBytes()
            if !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                headers.append(("Content-Type", "application/json"))
            }
        }
        headers.append(("Idempotency-Key", context.idempotencyKey))
        let request = HTTPRequest(method: http.method, url: url, headers: headers, body: body)
        let input: JSON = ["method": .string(http.method.rawValue), "url": .string(url), "body": bodyJSON ?? .null]
        let response = try await effects.send(request, connection: http.connection, context: context)
        let accepted =
            http.accept.isEmpty ? (200...299).contains(response.status) : http.accept.contains(response.status)
        guard accepted else {
            throw StepFailure(
                .httpStatus, "\(http.method.rawValue) \(URLQuery.redacted(url)) answered \(response.status)",
                status: response.status, retryAfter: RetryAfter.parse(response.header("Retry-After"), now: clock.now()))
        }
        return .output(try HTTPBody.output(response, format: http.response), input: input)
    }

    private func writeFile(_ file: FileOutputStep, scope: Scope, context: EffectContext) async throws(StepFailure)
        -> StepResult
    {
        let path = try render(file.path, scope)
        let content =
            try file.content.map { (expression) throws(StepFailure) in try evaluate(expression, scope) }
            ?? scope.message
        let text: String
        switch file.format {
        case .json: text = (content ?? .null).serialized(indent: 2) + "\n"
        case .text:
            if case .string(let string)? = content { text = string } else { text = (content ?? .null).serialized() }
        case .csv, .xml:
            let converted = try engine.converter.convert(content ?? .null, from: .json, to: file.format, options: [:])
            text = converted.stringValue ?? converted.serialized()
        }
        try await effects.writeFile(path: path, contents: Array(text.utf8), mode: file.mode, context: context)
        return .output(["path": .string(path), "bytes": .number(Double(text.utf8.count))], input: content)
    }
}
