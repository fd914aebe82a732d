import FreightlineCommands

FreightlineCommand.runMain()
