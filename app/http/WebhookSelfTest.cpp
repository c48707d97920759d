#include "app/http/WebhookSelfTest.h"

#include "providers/FormEncoding.h"
#include "providers/meta/MetaSignature.h"
#include "providers/twilio/TwilioSignature.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace WebhookSelfTest
{

std::optional<QString> nonce(const WebhookRequest& request)
{
    const QByteArray contentType = request.header("Content-Type").toLower();
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
        if (!request.body.contains(kTwilioField.toLatin1())) {
            return std::nullopt;
        }
        const Form::Fields fields = Form::decode(request.body);
        const QString value = Form::value(fields, kTwilioField);
        if (value.isEmpty() || !Form::value(fields, QStringLiteral("MessageSid")).isEmpty()) {
            return std::nullopt;
        }
        return value;
    }
    if (!request.body.contains(kMetaObject.toLatin1())) {
        return std::nullopt;
    }
    const QJsonObject object = QJsonDocument::fromJson(request.body).object();
    if (object.value(QStringLiteral("object")).toString() != kMetaObject) {
        return std::nullopt;
    }
    const QString value = object.value(QStringLiteral("nonce")).toString();
    return value.isEmpty() ? std::nullopt : std::optional<QString>(value);
}

WebhookRequest twilio(const QUrl& url, const QString& authToken, const QString& accountSid, const QString& nonce)
{
    const Form::Fields fields{{QStringLiteral("AccountSid"), accountSid}, {kTwilioField, nonce}};
    WebhookRequest request;
    request.url = url;
    request.body = Form::encode(fields);
    request.headers = {
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"X-Twilio-Signature", TwilioSignature::sign(authToken, url.toString(QUrl::FullyEncoded), fields)}};
    return request;
}

WebhookRequest meta(const QUrl& url, const QString& appSecret, const QString& nonce)
{
    WebhookRequest request;
    request.url = url;
    request.body = QJsonDocument(QJsonObject{{QStringLiteral("object"), kMetaObject}, {QStringLiteral("nonce"), nonce}})
                       .toJson(QJsonDocument::Compact);
    request.headers = {{"Content-Type", "application/json"}};
    if (!appSecret.isEmpty()) {
        request.headers.append({"X-Hub-Signature-256", MetaSignature::sign(appSecret.toUtf8(), request.body)});
    }
    return request;
}

} // namespace WebhookSelfTest
