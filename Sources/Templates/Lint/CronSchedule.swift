/// Validation of CronWorkflow schedules, as robfig/cron's `ParseStandard` (which Argo uses) accepts them:
/// five fields or a descriptor (`@daily`, `@every 1h`), optionally after `CRON_TZ=`/`TZ=`. The parsing is
/// `CronParser`'s, the cron controller's own; lint reads no time zone data, so any zone name passes here.
enum CronSchedule {
    /// nil when `spec` parses; otherwise robfig/cron's error text.
    static func error(in spec: String) -> String? {
        do throws(CronScheduleError) {
            _ = try CronParser.parse(spec.trimmingSpaces, defaultZone: (), loadZone: { _ in () })
            return nil
        } catch {
            return error.description
        }
    }
}
