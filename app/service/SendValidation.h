#pragma once

#include "app/service/WhatsAppService.h"
#include "providers/Message.h"
#include "providers/Result.h"
#include "providers/Template.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

// The checks a send passes before anything is stored, as pure functions. Refusals are
// Error::validation on the offending field ("to", "type", "body", "media_url", "template_name",
// "language_code", "parameters") with the reason in plain words.
namespace SendValidation
{

inline constexpr qsizetype kMaxTextLength = 4096;
inline constexpr qsizetype kMaxCaptionLength = 1024;
inline constexpr qsizetype kMaxMediaUrls = 10;

// An http or https URL naming a host: what a media_url or header_media_url must be.
bool isHttpUrl(const QUrl& url);

// A free-form request as the messages to store: one per media URL, the caption on the first
// (wire reference §12.4). `to` comes back as E.164.
Result<QList<OutgoingMessage>> freeForm(const SendRequest& request);

// A template request against the provider's synced templates. When the cache knows the template it
// must be approved and the parameters must match its placeholders exactly; parameters come back in
// placeholder order (with their names for NAMED templates) and `body` holds the rendered text.
// An empty cache checks only the shape (nothing was synced to compare with).
Result<OutgoingMessage>
templateMessage(const TemplateSendRequest& request, const QString& provider, const QList<Template>& cached);

// The cached template a name and language refer to, approved or not. Meta compares the language
// exactly; Twilio case-insensitively with a fallback on the prefix ("en" and "en_US"). An empty
// language takes the first approved one.
std::optional<Template>
findTemplate(const QList<Template>& cached, const QString& provider, const QString& name, const QString& language);

// The template's body with its placeholders replaced.
QString render(const Template& tmpl, const QStringList& keys, const QStringList& values);

} // namespace SendValidation
