import Controller
import Foundation
import Templates

extension CronWorkflows {
    /// argo `cron list`'s table, with the last and next runs.
    static func table(_ items: [JSONValue], allNamespaces: Bool, env: CLIEnvironment) -> String {
        let now = env.now()
        var w = TabWriter(padding: 3)
        if allNamespaces { w.write("NAMESPACE\t") }
        w.write("NAME\tAGE\tLAST RUN\tNEXT RUN\tSCHEDULES\tTIMEZONE\tSUSPENDED\n")
        for object in items {
            guard let cron = typed(object) else { continue }
            if allNamespaces { w.write("\(cron.metadata.namespace ?? "")\t") }
            let created = object["metadata"]?["creationTimestamp"]?.stringValue.flatMap(KubeTimeText.parse)
            let last = cron.status?.lastScheduledTime.map { Humanize.relativeDurationShort(Date(timeIntervalSince1970: Double($0.seconds)), now, now: now) } ?? "N/A"
            let next = nextRun(cron.spec, after: now).map { Humanize.relativeDurationShort($0, now, now: now) } ?? "N/A"
            let fields = [
                cron.metadata.name ?? "", Humanize.relativeDurationShort(created, now, now: now), last, next,
                schedules(cron.spec).joined(separator: ","), cron.spec.timezone ?? "",
                cron.spec.suspend == true ? "true" : "false",
            ]
            w.write(fields.joined(separator: "\t") + "\n")
        }
        return w.flush()
    }
}
