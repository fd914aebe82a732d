import FreightlineCommands

await FreightlineCommand.runMain()
