#include "ui/thread/ThreadHeader.h"

#include "providers/Phone.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace
{

QLabel* plain(QWidget* parent, const char* name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ThreadHeader::ThreadHeader(QWidget* parent)
    : QWidget(parent)
    , m_name(plain(this, "threadName"))
    , m_number(plain(this, "threadNumber"))
    , m_window(plain(this, "threadWindow"))
    , m_presence(plain(this, "threadPresence"))
    , m_tick(new QTimer(this))
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    setObjectName(QStringLiteral("threadHeader"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 8, 14, 8);
    auto* who = new QVBoxLayout;
    who->setSpacing(0);
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.15);
    m_name->setFont(nameFont);
    m_name->setAccessibleName(tr("Contact name"));
    m_number->setAccessibleName(tr("Contact number"));
    who->addWidget(m_name);
    who->addWidget(m_number);
    layout->addLayout(who, 1);
    m_window->setAccessibleName(tr("24-hour window"));
    m_window->setTextInteractionFlags(Qt::NoTextInteraction);
    m_window->setMargin(4);
    m_presence->setAccessibleName(tr("Other agents here"));
    m_presence->setMargin(4);
    // Blue, italic: other people, not the customer's state.
    m_presence->setStyleSheet(QStringLiteral("QLabel { color: #1a62b8; font-style: italic; }"));
    m_presence->hide();
    layout->addWidget(m_presence, 0, Qt::AlignVCenter);
    layout->addWidget(m_window, 0, Qt::AlignVCenter);
    m_tick->setInterval(60 * 1000);
    connect(m_tick, &QTimer::timeout, this, &ThreadHeader::refreshWindow);
    m_tick->start();
    setConversation({});
}

void ThreadHeader::setPresence(const QString& text)
{
    m_presence->setText(text);
    m_presence->setVisible(!text.isEmpty());
}

QString ThreadHeader::presenceText() const
{
    return m_presence->text();
}

void ThreadHeader::setClock(std::function<qint64()> nowMs)
{
    m_now = std::move(nowMs);
    refreshWindow();
}

QString ThreadHeader::windowText() const
{
    return m_window->text();
}

QString ThreadHeader::windowState(qint64 lastInboundAt, qint64 nowMs)
{
    const qint64 left = lastInboundAt > 0 ? lastInboundAt + kCustomerWindowMs - nowMs : -1;
    if (left <= 0) {
        return tr("Window closed — templates only");
    }
    const qint64 minutes = left / 60000;
    if (minutes >= 60) {
        return tr("Window open — %n h left", nullptr, int(minutes / 60));
    }
    return tr("Window open — %n min left", nullptr, int(qMax<qint64>(1, minutes)));
}

void ThreadHeader::setConversation(const ConversationSummary& summary)
{
    m_summary = summary;
    if (summary.id <= 0) {
        m_name->setText(tr("No conversation selected"));
        m_number->clear();
        m_window->clear();
        m_window->hide();
        return;
    }
    const QString number = Phone::formatInternational(summary.e164);
    m_name->setText(summary.profileName.trimmed().isEmpty() ? number : summary.profileName);
    m_number->setText(summary.profileName.trimmed().isEmpty() ? QString() : number);
    m_number->setVisible(!m_number->text().isEmpty());
    m_window->show();
    refreshWindow();
}

void ThreadHeader::refreshWindow()
{
    if (m_summary.id <= 0) {
        return;
    }
    const bool open = m_summary.windowOpenAt(m_now());
    m_window->setStyleSheet(open ? QStringLiteral("QLabel { color: #1e7e44; font-weight: bold; }")
                                 : QStringLiteral("QLabel { color: #a35c00; font-weight: bold; }"));
    m_window->setText(windowState(m_summary.lastInboundAt, m_now()));
    // The bold style widens the text after the label was measured: never clip it.
    m_window->setMinimumWidth(m_window->sizeHint().width());
}
