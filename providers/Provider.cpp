#include "providers/Provider.h"

Result<QString> Provider::verificationChallenge(const QUrlQuery&) const
{
    return Unexpected(Error::make(
        Error::Kind::Configuration,
        QStringLiteral("not_meta"),
        QStringLiteral("The hub.* verification handshake is Meta's; the active provider is %1").arg(name())));
}
