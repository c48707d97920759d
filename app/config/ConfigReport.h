#pragma once

#include "app/config/Config.h"

#include <QString>
#include <QStringList>

// Plain-text views of a Config for stderr and `flowchat doctor`. Secrets are masked.
namespace ConfigReport
{

// One line per problem, naming its key: "error: TWILIO_AUTH_TOKEN must be ...".
QStringList problemLines(const Config& config);
// Every key with its shown value and origin, then the problems.
QString doctor(const Config& config);

} // namespace ConfigReport
