#pragma once

#include "providers/Callback.h"
#include "providers/Message.h"
#include "providers/Result.h"
#include "providers/Template.h"
#include "providers/WebhookEvent.h"
#include "providers/WebhookRequest.h"

#include <QObject>
#include <QUrlQuery>

#include <functional>

// A WhatsApp provider. Calls return at once; the callback runs later on the provider's thread,
// and only while `context` is alive. Retries belong to the caller (the outbox), not here.
class Provider : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QString name() const = 0; // "twilio" or "meta"

    virtual void send(const OutgoingMessage& message, QObject* context, Callback<SendAccepted> done) = 0;
    virtual void listTemplates(QObject* context, Callback<QList<Template>> done) = 0;
    virtual void fetchMedia(const MediaRef& media, QObject* context, Callback<MediaData> done) = 0;

    // Pure checks of a received webhook; no I/O.
    virtual Result<void> verifyWebhook(const WebhookRequest& request) const = 0;
    virtual Result<QList<WebhookEvent>> parseWebhook(const WebhookRequest& request) const = 0;

    // The GET handshake a provider makes when a webhook URL is registered (Meta's hub.*): the
    // challenge to echo, or an error (answer 403). Pure, like the checks above. A provider without
    // such a handshake (Twilio signs every request instead) refuses.
    virtual Result<QString> verificationChallenge(const QUrlQuery& query) const;
};
