#include "app/config/ConfigReport.h"

namespace
{

QString describe(const Error& error)
{
    // Our messages start with the key already; others get it in front.
    if (error.field.isEmpty() || error.message.startsWith(error.field)) {
        return error.message;
    }
    return error.field + QStringLiteral(": ") + error.message;
}

} // namespace

namespace ConfigReport
{

QStringList problemLines(const Config& config)
{
    QStringList lines;
    for (const Error& error : config.validate()) {
        lines.append(QStringLiteral("error: ") + describe(error));
    }
    for (const Error& warning : config.warnings()) {
        lines.append(QStringLiteral("warning: ") + describe(warning));
    }
    return lines;
}

QString doctor(const Config& config)
{
    QString text;
    text += QStringLiteral(".env file: %1\n")
                .arg(config.envFilePath().isEmpty() ? QStringLiteral("none") : config.envFilePath());
    text += QStringLiteral("provider: %1\n\n").arg(Config::providerName(config.provider()));
    qsizetype width = 0;
    for (const QString& key : Config::keys()) {
        width = std::max(width, key.size());
    }
    for (const QString& key : Config::keys()) {
        const QString shown = Config::redacted(key, config.value(key));
        text += QStringLiteral("%1 = %2  (%3)\n")
                    .arg(key.leftJustified(width),
                         shown.isEmpty() ? QStringLiteral("(empty)") : shown,
                         config.origin(key).describe());
    }
    if (config.provider() == Config::Provider::Direct) {
        // WHATSAPP_API_URL may be the base or the whole send URL; say what FlowChat made of it.
        const QString phoneNumberId = config.whatsAppPhoneNumberId();
        const QString from =
            config.phoneNumberIdInApiUrl().isEmpty() ? ConfigKey::WhatsAppPhoneNumberId : ConfigKey::WhatsAppApiUrl;
        text += QStringLiteral("\nMeta Graph API base: %1\n").arg(config.whatsAppApiUrl().toString());
        text += phoneNumberId.isEmpty() ? QStringLiteral("Meta send URL: unknown (no phone number ID)\n")
                                        : QStringLiteral("Meta send URL: %1/%2/messages  (phone number ID from %3)\n")
                                              .arg(config.whatsAppApiUrl().toString(), phoneNumberId, from);
    }
    const QStringList problems = problemLines(config);
    text += QLatin1Char('\n');
    text += problems.isEmpty() ? QStringLiteral("No configuration problems.\n")
                               : problems.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return text;
}

} // namespace ConfigReport
