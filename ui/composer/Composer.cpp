#include "ui/composer/Composer.h"

#include "app/service/WhatsAppService.h"
#include "ui/UiLogging.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

void ComposerEdit::keyPressEvent(QKeyEvent* event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        emit submitted();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

Composer::Composer(QWidget* parent)
    : QWidget(parent)
    , m_edit(new ComposerEdit(this))
    , m_counter(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_send(new QPushButton(tr("Send"), this))
{
    setObjectName(QStringLiteral("composer"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 8);
    layout->setSpacing(4);

    m_notice->setObjectName(QStringLiteral("composerNotice"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("QLabel#composerNotice { color: #8a4b00; background: #fff4de; "
                                           "border: 1px solid #f0c987; border-radius: 4px; padding: 6px; }"));
    m_notice->hide();
    layout->addWidget(m_notice);

    auto* row = new QHBoxLayout;
    m_edit->setObjectName(QStringLiteral("composerEdit"));
    m_edit->setAccessibleName(tr("Message"));
    m_edit->setPlaceholderText(tr("Type a message — Enter sends, Shift+Enter for a new line"));
    m_edit->setTabChangesFocus(true);
    const QFontMetrics fm(m_edit->font());
    m_edit->setFixedHeight(fm.lineSpacing() * 3 + 14);
    row->addWidget(m_edit, 1);

    auto* side = new QVBoxLayout;
    m_send->setObjectName(QStringLiteral("composerSend"));
    m_send->setAccessibleName(tr("Send message"));
    m_send->setDefault(false);
    m_counter->setObjectName(QStringLiteral("composerCounter"));
    m_counter->setTextFormat(Qt::PlainText);
    m_counter->setAlignment(Qt::AlignRight | Qt::AlignBottom);
    m_counter->setAccessibleName(tr("Characters used"));
    side->addWidget(m_send);
    side->addStretch();
    side->addWidget(m_counter);
    row->addLayout(side);
    layout->addLayout(row);

    connect(m_edit, &ComposerEdit::submitted, this, &Composer::send);
    connect(m_send, &QPushButton::clicked, this, &Composer::send);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        m_error.clear();
        updateState();
    });
    updateState();
}

void Composer::setService(WhatsAppService* service)
{
    m_service = service;
    updateState();
}

void Composer::setWindowEnforced(bool enforced)
{
    m_enforced = enforced;
    updateState();
}

void Composer::setConversation(const ConversationSummary& summary, bool windowOpen)
{
    if (summary.e164 != m_to) {
        m_edit->clear();
    }
    m_to = summary.e164;
    m_hasConversation = summary.id > 0 && !summary.e164.isEmpty();
    m_windowOpen = windowOpen;
    updateState();
}

void Composer::clearConversation()
{
    m_to.clear();
    m_hasConversation = false;
    m_edit->clear();
    updateState();
}

ComposerEdit* Composer::editor() const
{
    return m_edit;
}

QString Composer::notice() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

bool Composer::canSend() const
{
    const qsizetype length = m_edit->toPlainText().size();
    const bool windowAllows = m_windowOpen || !m_enforced;
    return m_service && m_hasConversation && windowAllows && !m_sending && length > 0 && length <= kMaxLength
        && !m_edit->toPlainText().trimmed().isEmpty();
}

void Composer::send()
{
    if (!canSend()) {
        return;
    }
    SendRequest request;
    request.to = m_to;
    request.body = m_edit->toPlainText();
    m_sending = true;
    updateState();
    // The store writes the row and answers; nothing here waits for it.
    m_service->send(request, this, [this, body = request.body](Result<SendReceipt> receipt) {
        m_sending = false;
        if (receipt) {
            if (m_edit->toPlainText() == body) {
                m_edit->clear();
            }
            emit sent(receipt->id);
        } else {
            qCWarning(lcUi) << "send refused:" << receipt.error().code;
            m_error = tr("Not sent: %1").arg(receipt.error().message);
        }
        updateState();
    });
}

void Composer::updateState()
{
    const qsizetype length = m_edit->toPlainText().size();
    m_counter->setText(tr("%1 / %2").arg(length).arg(kMaxLength));
    m_counter->setStyleSheet(length > kMaxLength ? QStringLiteral("QLabel { color: #d93025; font-weight: bold; }")
                                                 : QString());
    const bool windowAllows = m_windowOpen || !m_enforced;
    m_edit->setEnabled(m_hasConversation && windowAllows);
    if (!m_service) {
        m_notice->setText(tr("Connecting to the message service…"));
        m_notice->setVisible(m_hasConversation);
    } else if (m_hasConversation && !windowAllows) {
        m_notice->setText(tr("The 24-hour window is closed: the customer has not written in the last 24 hours, so "
                             "WhatsApp only accepts an approved template. Send a template to reopen the conversation."));
        m_notice->show();
    } else if (!m_error.isEmpty()) {
        m_notice->setText(m_error);
        m_notice->show();
    } else {
        m_notice->hide();
        m_notice->clear();
    }
    if (length > kMaxLength) {
        m_send->setToolTip(tr("WhatsApp accepts at most %1 characters.").arg(kMaxLength));
    } else {
        m_send->setToolTip(QString());
    }
    m_send->setEnabled(canSend());
}
