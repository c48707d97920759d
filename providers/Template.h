#pragma once

#include <QJsonArray>
#include <QString>
#include <QStringList>

// A pre-approved message template as listed by a provider.
struct Template
{
    QString providerId; // Twilio HX... sid, Meta template id
    QString name;
    QString language;
    QString category; // MARKETING, UTILITY, AUTHENTICATION, or empty
    QString approvalStatus; // lower case: "approved", "pending", "rejected", "unsubmitted", ...
    QString headerFormat; // "", "TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"
    QString headerText;
    QString bodyText; // with its {{1}} / {{name}} placeholders
    QString footerText;
    QStringList buttons; // button labels
    QStringList placeholders; // body placeholder keys in order: "1", "2" or "first_name"
    QString parameterFormat; // Meta: "POSITIONAL" ({{1}}) or "NAMED" ({{first_name}}); empty elsewhere
    QJsonArray components; // the provider's own structure, kept for previews
};
