import ArgumentParser
import Controller

/// `argo-lite cron`: CronWorkflows, as `argo cron` manages them. A running controller schedules them.
struct CronCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CronWorkflows.commandName, abstract: "Manage cron workflows.",
        discussion: "A running controller (`argo-lite controller`) starts their workflows on schedule.",
        subcommands: [
            TemplateWriteCommand<CronWorkflows, CreateTemplates>.self, TemplateGetCommand<CronWorkflows>.self,
            TemplateListCommand<CronWorkflows>.self, TemplateDeleteCommand<CronWorkflows>.self,
            TemplateWriteCommand<CronWorkflows, UpdateTemplates>.self, TemplateLintCommand<CronWorkflows>.self,
            CronSuspensionCommand<SuspendCron>.self, CronSuspensionCommand<ResumeCron>.self,
        ])
}
