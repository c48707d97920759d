#include "ui/status/ProviderStatusLabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>

namespace
{

QPixmap dot(const QColor& colour, qreal devicePixelRatio)
{
    const int size = 10;
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    return pixmap;
}

} // namespace

ProviderStatusLabel::ProviderStatusLabel(QWidget* parent)
    : QWidget(parent)
    , m_dot(new QLabel(this))
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("providerStatus"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(6);
    layout->addWidget(m_dot);
    layout->addWidget(m_text);
    m_text->setObjectName(QStringLiteral("providerStatusText"));
    m_text->setTextFormat(Qt::PlainText);
    render();
}

void ProviderStatusLabel::setProviderTitle(const QString& title)
{
    m_title = title;
    render();
}

void ProviderStatusLabel::setHealth(ProviderHealth::State state, const QString& detail)
{
    m_state = state;
    m_detail = detail;
    render();
}

QString ProviderStatusLabel::text() const
{
    return m_text->text();
}

void ProviderStatusLabel::render()
{
    QString words;
    QColor colour;
    switch (m_state) {
    case ProviderHealth::State::Checking:
        words = tr("checking…");
        colour = QColor(0x9e, 0x9e, 0x9e);
        break;
    case ProviderHealth::State::Answering:
        words = tr("answering");
        colour = QColor(0x2e, 0xb8, 0x5c);
        break;
    case ProviderHealth::State::Refusing:
        words = tr("refuses our credentials");
        colour = QColor(0xd9, 0x30, 0x25);
        break;
    case ProviderHealth::State::Unreachable:
        words = tr("not answering");
        colour = QColor(0xe0, 0x8a, 0x00);
        break;
    }
    m_dot->setPixmap(dot(colour, devicePixelRatioF()));
    m_text->setText(m_title.isEmpty() ? words : tr("%1 — %2").arg(m_title, words));
    setToolTip(m_detail.isEmpty() ? tr("The provider answered the last check.") : m_detail);
    setAccessibleName(m_text->text());
}
