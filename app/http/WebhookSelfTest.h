#pragma once

#include "providers/WebhookRequest.h"

#include <QString>
#include <QUrl>

#include <optional>

// A webhook the doctor sends through FLOWCHAT_PUBLIC_URL to prove the URL reaches this receiver
// and that signatures computed over it verify here. Signed exactly like the provider's own
// webhooks, it is recognised by the receiver, checked with the provider's verifier and answered
// without being stored.
namespace WebhookSelfTest
{

// Twilio: a form with this field (and no MessageSid). Meta: JSON {"object": <kMetaObject>, "nonce": ...}.
inline const QString kTwilioField = QStringLiteral("FlowChatSelfTest");
inline const QString kMetaObject = QStringLiteral("flowchat_selftest");

// The nonce when `request` is a self-test; nothing for an ordinary webhook.
std::optional<QString> nonce(const WebhookRequest& request);

// A Twilio-style self-test: form body signed with the auth token over `url` (the URL Twilio would call).
WebhookRequest twilio(const QUrl& url, const QString& authToken, const QString& accountSid, const QString& nonce);
// A Meta-style self-test: JSON body, signed with the app secret when one is given.
WebhookRequest meta(const QUrl& url, const QString& appSecret, const QString& nonce);

} // namespace WebhookSelfTest
