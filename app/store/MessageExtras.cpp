#include "app/store/MessageExtras.h"

#include <QList>

namespace
{

constexpr QLatin1String kTo("to");
constexpr QLatin1String kMedia("media");
constexpr QLatin1String kLocation("location");
constexpr QLatin1String kContacts("contacts");
constexpr QLatin1String kButton("button");
constexpr QLatin1String kInteractive("interactive");
constexpr QLatin1String kReaction("reaction");
constexpr QLatin1String kUnsupportedReason("unsupported_reason");
constexpr QLatin1String kMediaUrls("media_urls");
constexpr QLatin1String kTemplateHeader("template_header");
constexpr QLatin1String kTemplateParameterNames("template_parameter_names");

constexpr QLatin1String kId("id");
constexpr QLatin1String kUrl("url");
constexpr QLatin1String kMimeType("mime_type");
constexpr QLatin1String kSha256("sha256");
constexpr QLatin1String kFileName("file_name");
constexpr QLatin1String kVoice("voice");
constexpr QLatin1String kAnimated("animated");
constexpr QLatin1String kLatitude("latitude");
constexpr QLatin1String kLongitude("longitude");
constexpr QLatin1String kName("name");
constexpr QLatin1String kAddress("address");
constexpr QLatin1String kText("text");
constexpr QLatin1String kPayload("payload");
constexpr QLatin1String kKind("kind");
constexpr QLatin1String kTitle("title");
constexpr QLatin1String kDescription("description");
constexpr QLatin1String kTarget("target");
constexpr QLatin1String kEmoji("emoji");
constexpr QLatin1String kType("type");

const QList<QLatin1String> kTopKeys{kTo,
                                    kMedia,
                                    kLocation,
                                    kContacts,
                                    kButton,
                                    kInteractive,
                                    kReaction,
                                    kUnsupportedReason,
                                    kMediaUrls,
                                    kTemplateHeader,
                                    kTemplateParameterNames};
const QList<QLatin1String> kMediaKeys{kId, kUrl, kMimeType, kSha256, kFileName, kVoice, kAnimated};
const QList<QLatin1String> kLocationKeys{kLatitude, kLongitude, kName, kAddress, kUrl};
const QList<QLatin1String> kButtonKeys{kText, kPayload};
const QList<QLatin1String> kInteractiveKeys{kKind, kId, kTitle, kDescription};
const QList<QLatin1String> kReactionKeys{kTarget, kEmoji};
const QList<QLatin1String> kTemplateHeaderKeys{kType, kUrl};

QJsonObject without(QJsonObject object, const QList<QLatin1String>& keys)
{
    for (QLatin1String key : keys) {
        object.remove(key);
    }
    return object;
}

QStringList strings(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& item : value.toArray()) {
        out << item.toString();
    }
    return out;
}

// Reads json[key] when it is an object; the keys it holds beyond `known` go to `unknown`.
std::optional<QJsonObject>
nested(const QJsonObject& json, QLatin1String key, const QList<QLatin1String>& known, QJsonObject& unknown)
{
    const QJsonValue value = json.value(key);
    if (!value.isObject()) {
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    if (const QJsonObject rest = without(object, known); !rest.isEmpty()) {
        unknown.insert(key, rest);
    }
    return object;
}

} // namespace

MessageExtras MessageExtras::fromJson(const QJsonObject& json)
{
    MessageExtras e;
    e.unknown = without(json, kTopKeys);
    e.to = json.value(kTo).toString();
    if (const auto o = nested(json, kMedia, kMediaKeys, e.unknown)) {
        e.media = Media{o->value(kId).toString(),
                        o->value(kUrl).toString(),
                        o->value(kMimeType).toString(),
                        o->value(kSha256).toString(),
                        o->value(kFileName).toString(),
                        o->value(kVoice).toBool(),
                        o->value(kAnimated).toBool()};
    }
    if (const auto o = nested(json, kLocation, kLocationKeys, e.unknown)) {
        e.location = Location{o->value(kLatitude).toDouble(),
                              o->value(kLongitude).toDouble(),
                              o->value(kName).toString(),
                              o->value(kAddress).toString(),
                              o->value(kUrl).toString()};
    }
    e.contacts = json.value(kContacts).toArray();
    if (const auto o = nested(json, kButton, kButtonKeys, e.unknown)) {
        e.button = Button{o->value(kText).toString(), o->value(kPayload).toString()};
    }
    if (const auto o = nested(json, kInteractive, kInteractiveKeys, e.unknown)) {
        e.interactive = Interactive{o->value(kKind).toString(),
                                    o->value(kId).toString(),
                                    o->value(kTitle).toString(),
                                    o->value(kDescription).toString()};
    }
    if (const auto o = nested(json, kReaction, kReactionKeys, e.unknown)) {
        e.reaction = Reaction{o->value(kTarget).toString(), o->value(kEmoji).toString()};
    }
    e.unsupportedReason = json.value(kUnsupportedReason).toString();
    e.mediaUrls = strings(json.value(kMediaUrls));
    if (const auto o = nested(json, kTemplateHeader, kTemplateHeaderKeys, e.unknown)) {
        e.templateHeader = TemplateHeader{o->value(kType).toString(), o->value(kUrl).toString()};
    }
    e.templateParameterNames = strings(json.value(kTemplateParameterNames));
    return e;
}

QJsonObject MessageExtras::toJson() const
{
    // Known keys are always written from the fields, so an emptied field drops its key; unknown
    // keys inside an object survive only while that object is still there.
    QJsonObject json = without(unknown, kTopKeys);
    const auto base = [this](QLatin1String key) {
        return unknown.value(key).toObject();
    };
    if (!to.isEmpty()) {
        json.insert(kTo, to);
    }
    if (media) {
        QJsonObject o = base(kMedia);
        o.insert(kId, media->id);
        o.insert(kUrl, media->url);
        o.insert(kMimeType, media->mimeType);
        if (!media->sha256.isEmpty()) {
            o.insert(kSha256, media->sha256);
        }
        if (!media->fileName.isEmpty()) {
            o.insert(kFileName, media->fileName);
        }
        if (media->voice) {
            o.insert(kVoice, true);
        }
        if (media->animated) {
            o.insert(kAnimated, true);
        }
        json.insert(kMedia, o);
    }
    if (location) {
        QJsonObject o = base(kLocation);
        o.insert(kLatitude, location->latitude);
        o.insert(kLongitude, location->longitude);
        o.insert(kName, location->name);
        o.insert(kAddress, location->address);
        o.insert(kUrl, location->url);
        json.insert(kLocation, o);
    }
    if (!contacts.isEmpty()) {
        json.insert(kContacts, contacts);
    }
    if (button) {
        QJsonObject o = base(kButton);
        o.insert(kText, button->text);
        o.insert(kPayload, button->payload);
        json.insert(kButton, o);
    }
    if (interactive) {
        QJsonObject o = base(kInteractive);
        o.insert(kKind, interactive->kind);
        o.insert(kId, interactive->id);
        o.insert(kTitle, interactive->title);
        o.insert(kDescription, interactive->description);
        json.insert(kInteractive, o);
    }
    if (reaction) {
        QJsonObject o = base(kReaction);
        o.insert(kTarget, reaction->target);
        o.insert(kEmoji, reaction->emoji);
        json.insert(kReaction, o);
    }
    if (!unsupportedReason.isEmpty()) {
        json.insert(kUnsupportedReason, unsupportedReason);
    }
    if (!mediaUrls.isEmpty()) {
        json.insert(kMediaUrls, QJsonArray::fromStringList(mediaUrls));
    }
    if (templateHeader) {
        QJsonObject o = base(kTemplateHeader);
        o.insert(kType, templateHeader->type);
        o.insert(kUrl, templateHeader->url);
        json.insert(kTemplateHeader, o);
    }
    if (!templateParameterNames.isEmpty()) {
        json.insert(kTemplateParameterNames, QJsonArray::fromStringList(templateParameterNames));
    }
    return json;
}
