#include "ui/composer/Composer.h"

#include "app/service/SendValidation.h"
#include "app/service/ServiceClient.h"
#include "ui/UiLogging.h"

#include <QAction>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace
{

const QString kEnterSendsKey = QStringLiteral("composer/enterSends");

QString attachmentName(const QString& url)
{
    const QString name = QFileInfo(QUrl(url).path()).fileName();
    return name.isEmpty() ? QUrl(url).host() : name;
}

} // namespace

void ComposerEdit::setEnterSends(bool enterSends)
{
    m_enterSends = enterSends;
}

bool ComposerEdit::enterSends() const
{
    return m_enterSends;
}

void ComposerEdit::keyPressEvent(QKeyEvent* event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const bool sends =
        m_enterSends ? !(event->modifiers() & Qt::ShiftModifier) : bool(event->modifiers() & Qt::ControlModifier);
    if (enter && sends) {
        emit submitted();
        event->accept();
        return;
    }
    if (enter && !m_enterSends) {
        insertPlainText(QStringLiteral("\n")); // Ctrl or Shift held: still a line break
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
    layout->addWidget(createReplyBar());

    m_attachmentBar = new QWidget(this);
    m_attachmentBar->setObjectName(QStringLiteral("composerAttachments"));
    m_attachmentRow = new QHBoxLayout(m_attachmentBar);
    m_attachmentRow->setContentsMargins(0, 0, 0, 0);
    m_attachmentBar->hide();
    layout->addWidget(m_attachmentBar);

    auto* row = new QHBoxLayout;
    m_edit->setObjectName(QStringLiteral("composerEdit"));
    m_edit->setAccessibleName(tr("Message"));
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

    auto* tools = new QHBoxLayout;
    m_attach = new QToolButton(this);
    m_attach->setObjectName(QStringLiteral("composerAttach"));
    m_attach->setText(tr("Attach media URL…"));
    m_attach->setToolTip(tr("Attach an image, video, audio or document by its public URL"));
    m_attach->setAccessibleName(tr("Attach media URL"));
    m_attach->setAutoRaise(true);
    connect(m_attach, &QToolButton::clicked, this, &Composer::askForAttachment);
    m_templates = new QToolButton(this);
    m_templates->setObjectName(QStringLiteral("composerTemplates"));
    m_templates->setText(tr("Templates…"));
    m_templates->setToolTip(tr("Pick an approved template (Ctrl+T)"));
    m_templates->setAccessibleName(tr("Templates"));
    m_templates->setAutoRaise(true);
    connect(m_templates, &QToolButton::clicked, this, &Composer::templatesRequested);
    auto* options = new QToolButton(this);
    options->setObjectName(QStringLiteral("composerOptions"));
    options->setText(tr("Options"));
    options->setAccessibleName(tr("Composer options"));
    options->setAutoRaise(true);
    options->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(options);
    QAction* enterSends = menu->addAction(tr("Enter sends (Shift+Enter for a new line)"));
    enterSends->setObjectName(QStringLiteral("composerEnterSends"));
    enterSends->setCheckable(true);
    connect(enterSends, &QAction::toggled, this, &Composer::setEnterSends);
    options->setMenu(menu);
    tools->addWidget(m_attach);
    tools->addWidget(m_templates);
    tools->addStretch(1);
    tools->addWidget(options);
    layout->addLayout(tools);

    connect(m_edit, &ComposerEdit::submitted, this, &Composer::send);
    connect(m_send, &QPushButton::clicked, this, &Composer::send);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        m_error.clear();
        updateState();
        if (!m_edit->toPlainText().isEmpty()) {
            emit typing();
        }
    });
    const bool saved = QSettings().value(kEnterSendsKey, true).toBool();
    enterSends->setChecked(saved);
    setEnterSends(saved);
    updateState();
}

QWidget* Composer::createReplyBar()
{
    m_replyBar = new QWidget(this);
    m_replyBar->setObjectName(QStringLiteral("composerReplyBar"));
    m_replyBar->setAttribute(Qt::WA_StyledBackground);
    styleReplyBar();
    auto* row = new QHBoxLayout(m_replyBar);
    row->setContentsMargins(8, 4, 4, 4);
    m_replyText = new QLabel(m_replyBar);
    m_replyText->setObjectName(QStringLiteral("composerReplyText"));
    m_replyText->setTextFormat(Qt::PlainText);
    m_replyText->setWordWrap(false);
    m_replyText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* close = new QToolButton(m_replyBar);
    close->setObjectName(QStringLiteral("composerReplyCancel"));
    close->setText(QStringLiteral("✕")); // text, so it follows the palette in dark themes too
    close->setAutoRaise(true);
    close->setToolTip(tr("Do not reply to this message"));
    close->setAccessibleName(tr("Cancel reply"));
    connect(close, &QToolButton::clicked, this, &Composer::clearReply);
    row->addWidget(m_replyText, 1);
    row->addWidget(close);
    m_replyBar->hide();
    return m_replyBar;
}

void Composer::styleReplyBar()
{
    const QColor background = palette().color(QPalette::AlternateBase);
    m_replyBar->setStyleSheet(QStringLiteral("QWidget#composerReplyBar { border-left: 4px solid #25a366; "
                                             "background: %1; border-radius: 3px; }")
                                  .arg(background.name()));
}

void Composer::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange && m_replyBar) {
        styleReplyBar();
    }
    QWidget::changeEvent(event);
}

void Composer::setService(ServiceClient* service)
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
        clearReply();
        m_attachments.clear();
        showAttachments();
    }
    m_to = summary.e164;
    m_hasConversation = summary.id > 0 && !summary.e164.isEmpty();
    m_windowOpen = windowOpen;
    updateState();
}

void Composer::setReplyTo(qint64 messageId, const QString& author, const QString& text)
{
    m_replyToId = messageId;
    const QString firstLine = text.section(QLatin1Char('\n'), 0, 0).simplified();
    const QString shown = m_replyText->fontMetrics().elidedText(firstLine, Qt::ElideRight, 420);
    m_replyText->setText(tr("Replying to %1: %2").arg(author, shown));
    m_replyText->setToolTip(text);
    m_replyBar->show();
    m_edit->setFocus(Qt::OtherFocusReason);
}

void Composer::clearReply()
{
    m_replyToId = 0;
    m_replyText->clear();
    m_replyBar->hide();
}

qint64 Composer::replyToId() const
{
    return m_replyToId;
}

QString Composer::attach(const QString& url)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    if (!SendValidation::isHttpUrl(parsed)) {
        return tr("A media URL must start with https:// or http:// and name a host, such as "
                  "https://example.com/invoice.pdf. WhatsApp downloads the file from there.");
    }
    if (m_attachments.size() >= kMaxAttachments) {
        return tr("At most %1 attachments per message.").arg(kMaxAttachments);
    }
    m_attachments << parsed.toString(QUrl::FullyEncoded);
    showAttachments();
    updateState();
    return QString();
}

void Composer::removeAttachment(int index)
{
    if (index >= 0 && index < m_attachments.size()) {
        m_attachments.removeAt(index);
        showAttachments();
        updateState();
    }
}

QStringList Composer::attachments() const
{
    return m_attachments;
}

void Composer::askForAttachment()
{
    QString problem;
    QString url;
    do {
        bool ok = false;
        url = QInputDialog::getText(this,
                                    tr("Attach media URL"),
                                    problem.isEmpty() ? tr("Public URL of the image, video, audio or document:")
                                                      : problem + QLatin1Char('\n') + tr("Public URL:"),
                                    QLineEdit::Normal,
                                    url,
                                    &ok);
        if (!ok || url.trimmed().isEmpty()) {
            return;
        }
        problem = attach(url);
    } while (!problem.isEmpty());
}

void Composer::showAttachments()
{
    while (QLayoutItem* item = m_attachmentRow->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < m_attachments.size(); ++i) {
        auto* chip = new QToolButton(m_attachmentBar);
        chip->setObjectName(QStringLiteral("composerAttachment%1").arg(i));
        chip->setText(tr("%1  ✕").arg(attachmentName(m_attachments.at(i))));
        chip->setToolTip(tr("%1 — click to remove").arg(m_attachments.at(i)));
        chip->setAccessibleName(tr("Remove attachment %1").arg(attachmentName(m_attachments.at(i))));
        connect(chip, &QToolButton::clicked, this, [this, i] { removeAttachment(i); });
        m_attachmentRow->addWidget(chip);
    }
    m_attachmentRow->addStretch(1);
    m_attachmentBar->setVisible(!m_attachments.isEmpty());
}

void Composer::setEnterSends(bool enterSends)
{
    m_edit->setEnterSends(enterSends);
    QSettings().setValue(kEnterSendsKey, enterSends);
    m_edit->setPlaceholderText(enterSends ? tr("Type a message — Enter sends, Shift+Enter for a new line")
                                          : tr("Type a message — Ctrl+Enter sends, Enter for a new line"));
    if (auto* action = findChild<QAction*>(QStringLiteral("composerEnterSends"));
        action && action->isChecked() != enterSends) {
        action->setChecked(enterSends);
    }
}

bool Composer::enterSends() const
{
    return m_edit->enterSends();
}

ComposerEdit* Composer::editor() const
{
    return m_edit;
}

QString Composer::notice() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

int Composer::lengthLimit() const
{
    return m_attachments.isEmpty() ? kMaxLength : kMaxCaptionLength;
}

bool Composer::canSend() const
{
    const qsizetype length = m_edit->toPlainText().size();
    const bool windowAllows = m_windowOpen || !m_enforced;
    const bool hasContent = !m_edit->toPlainText().trimmed().isEmpty() || !m_attachments.isEmpty();
    return m_service && m_hasConversation && windowAllows && !m_sending && hasContent && length <= lengthLimit();
}

void Composer::setOthersReplying(std::function<QStringList()> othersReplying)
{
    m_othersReplying = std::move(othersReplying);
}

void Composer::send()
{
    if (!canSend()) {
        return;
    }
    const QStringList others = m_othersReplying ? m_othersReplying() : QStringList();
    if (others.isEmpty()) {
        sendNow();
        return;
    }
    // Two agents answering one customer at once is what team inboxes get wrong most: ask first,
    // without blocking the window (the box is window-modal and answers later).
    auto* ask = new QMessageBox(
        QMessageBox::Question,
        tr("Someone else is replying"),
        tr("%1 is replying to this customer right now. Send yours anyway?").arg(QLocale().createSeparatedList(others)),
        QMessageBox::NoButton,
        this);
    ask->setObjectName(QStringLiteral("confirmSendWhileOthersReply"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* sendAnyway = ask->addButton(tr("Send anyway"), QMessageBox::AcceptRole);
    ask->addButton(QMessageBox::Cancel);
    ask->setDefaultButton(QMessageBox::Cancel);
    connect(ask, &QMessageBox::finished, this, [this, ask, sendAnyway] {
        if (ask->clickedButton() == sendAnyway && canSend()) {
            sendNow();
        }
    });
    ask->open();
}

void Composer::sendNow()
{
    SendRequest request;
    request.to = m_to;
    request.body = m_edit->toPlainText();
    request.mediaUrls = m_attachments;
    request.replyToId = m_replyToId;
    m_sending = true;
    updateState();
    // The store writes the row and answers; nothing here waits for it.
    m_service->send(request, this, [this, request](Result<SendReceipt> receipt) {
        m_sending = false;
        if (receipt) {
            if (m_edit->toPlainText() == request.body) {
                m_edit->clear();
            }
            if (m_attachments == request.mediaUrls) {
                m_attachments.clear();
                showAttachments();
            }
            if (m_replyToId == request.replyToId) {
                clearReply();
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
    const int limit = lengthLimit();
    m_counter->setText(tr("%1 / %2").arg(length).arg(limit));
    m_counter->setStyleSheet(length > limit ? QStringLiteral("QLabel { color: #d93025; font-weight: bold; }")
                                            : QString());
    const bool windowAllows = m_windowOpen || !m_enforced;
    m_edit->setEnabled(m_hasConversation && windowAllows);
    m_attach->setEnabled(m_hasConversation && windowAllows);
    m_templates->setEnabled(m_hasConversation && m_service);
    if (!m_service) {
        m_notice->setText(tr("Connecting to the message service…"));
        m_notice->setVisible(m_hasConversation);
    } else if (m_hasConversation && !windowAllows) {
        m_notice->setText(tr("The 24-hour window is closed: the customer has not written in the last 24 hours, so "
                             "WhatsApp only accepts an approved template. Use Templates… (Ctrl+T) to reopen the "
                             "conversation."));
        m_notice->show();
    } else if (!m_error.isEmpty()) {
        m_notice->setText(m_error);
        m_notice->show();
    } else {
        m_notice->hide();
        m_notice->clear();
    }
    if (length > limit) {
        m_send->setToolTip(m_attachments.isEmpty() ? tr("WhatsApp accepts at most %1 characters.").arg(limit)
                                                   : tr("A caption holds at most %1 characters.").arg(limit));
    } else {
        m_send->setToolTip(QString());
    }
    m_send->setEnabled(canSend());
}
