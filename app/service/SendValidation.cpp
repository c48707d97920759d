#include "app/service/SendValidation.h"

#include "providers/Phone.h"

#include <QMimeDatabase>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <numeric>

namespace
{

const QString kTo = QStringLiteral("to");
const QString kType = QStringLiteral("type");
const QString kBody = QStringLiteral("body");
const QString kMediaUrl = QStringLiteral("media_url");
const QString kHeaderMediaUrl = QStringLiteral("header_media_url");
const QString kTemplateName = QStringLiteral("template_name");
const QString kLanguage = QStringLiteral("language_code");
const QString kParameters = QStringLiteral("parameters");

bool isMediaType(MessageType type)
{
    return type == MessageType::Image || type == MessageType::Audio || type == MessageType::Video
           || type == MessageType::Document || type == MessageType::Sticker;
}

bool takesCaption(MessageType type)
{
    return type == MessageType::Image || type == MessageType::Video || type == MessageType::Document;
}

// A media URL sent as "text": the kind follows the file's extension, as the seed's API did.
MessageType typeFromUrl(const QUrl& url)
{
    const QString mime = QMimeDatabase().mimeTypeForFile(url.path(), QMimeDatabase::MatchExtension).name();
    if (mime.startsWith(QLatin1String("image/"))) {
        return MessageType::Image;
    }
    if (mime.startsWith(QLatin1String("video/"))) {
        return MessageType::Video;
    }
    if (mime.startsWith(QLatin1String("audio/"))) {
        return MessageType::Audio;
    }
    return MessageType::Document;
}

bool isNumberKey(const QString& key)
{
    bool ok = false;
    const int n = key.toInt(&ok);
    return ok && n > 0 && !key.startsWith(QLatin1Char('+'));
}

QString normalizedLanguage(const QString& language)
{
    QString out = language.trimmed().toLower();
    out.replace(QLatin1Char('-'), QLatin1Char('_'));
    return out;
}

QString languagePrefix(const QString& normalized)
{
    return normalized.section(QLatin1Char('_'), 0, 0);
}

QString placeholderList(const QStringList& keys)
{
    QStringList shown;
    for (const QString& key : keys) {
        shown << QStringLiteral("{{%1}}").arg(key);
    }
    return shown.join(QStringLiteral(", "));
}

bool isApproved(const Template& tmpl)
{
    return tmpl.approvalStatus.compare(QLatin1String("approved"), Qt::CaseInsensitive) == 0;
}

bool isContentSid(const QString& name)
{
    static const QRegularExpression sid(QStringLiteral("^HX[0-9a-fA-F]{32}$"));
    return sid.match(name).hasMatch();
}

Error templateError(const QString& code, const QString& message)
{
    Error error = Error::validation(kTemplateName, message);
    error.code = code;
    return error;
}

} // namespace

namespace SendValidation
{

Result<QList<OutgoingMessage>> freeForm(const SendRequest& request)
{
    const Result<QString> to = Phone::normalize(request.to, kTo);
    if (!to) {
        return Unexpected(to.error());
    }

    const QString typeName =
        request.type.trimmed().isEmpty() ? QStringLiteral("text") : request.type.trimmed().toLower();
    const std::optional<MessageType> parsed = MessageTypes::fromString(typeName);
    if (!parsed || (*parsed != MessageType::Text && !isMediaType(*parsed))) {
        return Unexpected(Error::validation(
            kType,
            QStringLiteral("type must be one of text, image, audio, video, document, sticker; got '%1'")
                .arg(request.type)));
    }
    MessageType type = *parsed;

    QStringList urls;
    for (const QString& raw : request.mediaUrls) {
        const QString trimmed = raw.trimmed();
        if (trimmed.isEmpty()) {
            continue;
        }
        const QUrl url(trimmed, QUrl::StrictMode);
        if (!isHttpUrl(url)) {
            return Unexpected(Error::validation(
                kMediaUrl, QStringLiteral("media_url must be an http or https URL; got '%1'").arg(trimmed)));
        }
        urls << url.toString(QUrl::FullyEncoded);
    }
    if (urls.size() > kMaxMediaUrls) {
        return Unexpected(Error::validation(
            kMediaUrl, QStringLiteral("at most %1 media URLs per send; got %2").arg(kMaxMediaUrls).arg(urls.size())));
    }
    if (type == MessageType::Text && !urls.isEmpty()) {
        type = typeFromUrl(QUrl(urls.first()));
    }

    if (type == MessageType::Text) {
        if (request.body.trimmed().isEmpty()) {
            return Unexpected(Error::validation(kBody, QStringLiteral("a text message needs a body")));
        }
        if (request.body.size() > kMaxTextLength) {
            return Unexpected(Error::validation(kBody,
                                                QStringLiteral("text is limited to %1 characters; got %2")
                                                    .arg(kMaxTextLength)
                                                    .arg(request.body.size())));
        }
    } else {
        if (urls.isEmpty()) {
            return Unexpected(Error::validation(
                kMediaUrl, QStringLiteral("a %1 message needs a media_url").arg(MessageTypes::toString(type))));
        }
        if (!takesCaption(type) && !request.body.trimmed().isEmpty()) {
            return Unexpected(Error::validation(kBody,
                                                QStringLiteral("a %1 message cannot carry a caption; leave body empty")
                                                    .arg(MessageTypes::toString(type))));
        }
        if (request.body.size() > kMaxCaptionLength) {
            return Unexpected(Error::validation(kBody,
                                                QStringLiteral("a caption is limited to %1 characters; got %2")
                                                    .arg(kMaxCaptionLength)
                                                    .arg(request.body.size())));
        }
    }

    QList<OutgoingMessage> out;
    OutgoingMessage base;
    base.to = *to;
    base.type = type;
    base.metadata = request.metadata;
    if (urls.isEmpty()) {
        base.body = request.body;
        out << base;
        return out;
    }
    for (qsizetype i = 0; i < urls.size(); ++i) {
        OutgoingMessage message = base;
        message.mediaUrls = {urls.at(i)};
        if (i == 0) {
            message.body = request.body;
        }
        out << message;
    }
    return out;
}

std::optional<Template>
findTemplate(const QList<Template>& cached, const QString& provider, const QString& name, const QString& language)
{
    const bool twilio = provider == QLatin1String("twilio");
    QList<Template> named;
    for (const Template& tmpl : cached) {
        if (tmpl.name == name || (twilio && isContentSid(name) && tmpl.providerId == name)) {
            named << tmpl;
        }
    }
    if (named.isEmpty()) {
        return std::nullopt;
    }
    // Approved ones first, so a pending draft in the same language never hides the approved one.
    std::stable_sort(named.begin(), named.end(), [](const Template& a, const Template& b) {
        return isApproved(a) && !isApproved(b);
    });
    if (language.trimmed().isEmpty() || (twilio && isContentSid(name))) {
        return named.first();
    }
    const QString wanted = normalizedLanguage(language);
    for (const Template& tmpl : std::as_const(named)) {
        if (twilio ? normalizedLanguage(tmpl.language) == wanted : tmpl.language == language.trimmed()) {
            return tmpl;
        }
    }
    if (twilio) {
        for (const Template& tmpl : std::as_const(named)) {
            if (languagePrefix(normalizedLanguage(tmpl.language)) == languagePrefix(wanted)) {
                return tmpl;
            }
        }
    }
    return std::nullopt;
}

QString render(const Template& tmpl, const QStringList& keys, const QStringList& values)
{
    QString text = tmpl.bodyText;
    for (qsizetype i = 0; i < keys.size() && i < values.size(); ++i) {
        const QRegularExpression placeholder(
            QStringLiteral("\\{\\{\\s*%1\\s*\\}\\}").arg(QRegularExpression::escape(keys.at(i))));
        QString value = values.at(i);
        text.replace(placeholder, value.replace(QLatin1Char('\\'), QStringLiteral("\\\\")));
    }
    return text;
}

Result<OutgoingMessage>
templateMessage(const TemplateSendRequest& request, const QString& provider, const QList<Template>& cached)
{
    const Result<QString> to = Phone::normalize(request.to, kTo);
    if (!to) {
        return Unexpected(to.error());
    }
    const QString name = request.templateName.trimmed();
    if (name.isEmpty()) {
        return Unexpected(Error::validation(kTemplateName, QStringLiteral("template_name is required")));
    }

    QStringList keys;
    QStringList values;
    QSet<QString> seen;
    for (const auto& [rawKey, value] : request.parameters) {
        const QString key = rawKey.trimmed();
        if (key.isEmpty()) {
            return Unexpected(
                Error::validation(kParameters, QStringLiteral("every parameter needs a key (\"1\", \"2\" or a name)")));
        }
        if (seen.contains(key)) {
            return Unexpected(
                Error::validation(kParameters, QStringLiteral("parameter {{%1}} is given twice").arg(key)));
        }
        if (value.trimmed().isEmpty()) {
            return Unexpected(Error::validation(kParameters, QStringLiteral("parameter {{%1}} is empty").arg(key)));
        }
        seen.insert(key);
        keys << key;
        values << value;
    }

    OutgoingMessage message;
    message.to = *to;
    message.type = MessageType::Template;
    message.templateName = name;
    message.templateLanguage = request.languageCode.trimmed();
    message.metadata = request.metadata;
    const QString headerUrl = request.headerMediaUrl.trimmed();
    if (!headerUrl.isEmpty() && !isHttpUrl(QUrl(headerUrl, QUrl::StrictMode))) {
        return Unexpected(Error::validation(
            kHeaderMediaUrl, QStringLiteral("header_media_url must be an http or https URL; got '%1'").arg(headerUrl)));
    }
    if (!headerUrl.isEmpty() && provider == QLatin1String("twilio")) {
        return Unexpected(Error::validation(
            kHeaderMediaUrl,
            QStringLiteral("a Twilio content template carries its own header media; leave header_media_url empty")));
    }

    const std::optional<Template> known =
        cached.isEmpty() ? std::nullopt : findTemplate(cached, provider, name, message.templateLanguage);
    if (!cached.isEmpty() && !known) {
        QStringList languages;
        for (const Template& tmpl : cached) {
            if (tmpl.name == name) {
                languages << tmpl.language;
            }
        }
        return Unexpected(templateError(
            QStringLiteral("template_not_found"),
            languages.isEmpty()
                ? QStringLiteral("no template named '%1' among the %2 synced templates").arg(name).arg(cached.size())
                : QStringLiteral("template '%1' has no '%2' version (it has: %3)")
                      .arg(name, message.templateLanguage, languages.join(QStringLiteral(", ")))));
    }

    if (!known) {
        // Nothing synced to check against: the provider will judge. Numbers are positional, names named.
        const bool allNumbers = std::all_of(keys.cbegin(), keys.cend(), isNumberKey);
        const bool anyNumber = std::any_of(keys.cbegin(), keys.cend(), isNumberKey);
        if (anyNumber && !allNumbers) {
            return Unexpected(Error::validation(
                kParameters, QStringLiteral("parameters are either all numbered (\"1\", \"2\") or all named")));
        }
        if (message.templateLanguage.isEmpty() && provider != QLatin1String("twilio")) {
            return Unexpected(
                Error::validation(kLanguage, QStringLiteral("language_code is required, for example en_US")));
        }
        QList<int> order(keys.size());
        std::iota(order.begin(), order.end(), 0);
        if (allNumbers) {
            std::sort(
                order.begin(), order.end(), [&keys](int a, int b) { return keys.at(a).toInt() < keys.at(b).toInt(); });
        }
        for (const int i : std::as_const(order)) {
            message.templateParameters << values.at(i);
            if (!allNumbers) {
                message.templateParameterNames << keys.at(i);
            }
        }
        if (!headerUrl.isEmpty()) {
            // Nothing synced says the header's kind: the file's extension does.
            message.headerMediaUrl = headerUrl;
            message.headerMediaType = MessageTypes::toString(typeFromUrl(QUrl(headerUrl)));
        }
        return message;
    }

    if (!isApproved(*known)) {
        return Unexpected(templateError(
            QStringLiteral("template_not_approved"),
            QStringLiteral("template '%1' (%2) is %3, not approved: it cannot be sent yet")
                .arg(known->name,
                     known->language,
                     known->approvalStatus.isEmpty() ? QStringLiteral("not approved") : known->approvalStatus)));
    }
    const QStringList& expected = known->placeholders;
    const bool namedTemplate =
        known->parameterFormat.compare(QLatin1String("NAMED"), Qt::CaseInsensitive) == 0
        || (!expected.isEmpty() && std::none_of(expected.cbegin(), expected.cend(), isNumberKey));
    for (const QString& key : std::as_const(keys)) {
        if (namedTemplate == isNumberKey(key)) {
            return Unexpected(Error::validation(
                kParameters,
                namedTemplate ? QStringLiteral("template '%1' takes named parameters (%2); got {{%3}}")
                                    .arg(known->name, placeholderList(expected), key)
                              : QStringLiteral("template '%1' takes numbered parameters (%2); got {{%3}}")
                                    .arg(known->name, placeholderList(expected), key)));
        }
        if (!expected.contains(key)) {
            return Unexpected(Error::validation(
                kParameters,
                QStringLiteral("parameter {{%1}} is not in template '%2' (it takes %3)")
                    .arg(key,
                         known->name,
                         expected.isEmpty() ? QStringLiteral("no parameters") : placeholderList(expected))));
        }
    }
    for (const QString& key : expected) {
        if (!seen.contains(key)) {
            return Unexpected(Error::validation(kParameters,
                                                QStringLiteral("parameter {{%1}} is missing: template '%2' needs %3")
                                                    .arg(key, known->name, placeholderList(expected))));
        }
    }
    for (const QString& key : expected) {
        message.templateParameters << values.at(keys.indexOf(key));
        if (namedTemplate) {
            message.templateParameterNames << key;
        }
    }
    const QString headerFormat = known->headerFormat.toUpper();
    const bool mediaHeader = headerFormat == QLatin1String("IMAGE") || headerFormat == QLatin1String("VIDEO")
                             || headerFormat == QLatin1String("DOCUMENT");
    if (mediaHeader && provider != QLatin1String("twilio")) {
        if (headerUrl.isEmpty()) {
            return Unexpected(Error::validation(
                kHeaderMediaUrl,
                QStringLiteral("template '%1' has an %2 header: header_media_url must give the file, such as "
                               "https://example.com/photo.jpg")
                    .arg(known->name, headerFormat.toLower())));
        }
        message.headerMediaUrl = headerUrl;
        message.headerMediaType = headerFormat.toLower();
    } else if (!headerUrl.isEmpty()) {
        return Unexpected(Error::validation(
            kHeaderMediaUrl,
            QStringLiteral("template '%1' has no media header; leave header_media_url empty").arg(known->name)));
    }
    message.templateLanguage = known->language;
    message.body = render(*known, expected, message.templateParameters);
    return message;
}

bool isHttpUrl(const QUrl& url)
{
    return url.isValid() && !url.host().isEmpty()
           && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

} // namespace SendValidation
